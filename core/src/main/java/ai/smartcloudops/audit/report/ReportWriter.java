package ai.smartcloudops.audit.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Writes a run's reports into {@code <out>/<run-id>/} and then makes {@code <out>/latest/} a copy of that
 * directory.
 *
 * <p>Each file is rendered to a temporary name in the run's directory and moved into place, so a file is either
 * the old one or the complete new one. {@code latest/} is assembled in a hidden staging directory beside it and
 * swapped in by two renames (old out, new in), so a reader sees the previous complete set, for an instant no
 * directory, or the new complete set, never a mix or a half-written file. If any renderer fails, the others
 * still write their files, {@code latest/} is left as it was, and the failure is thrown. The formats are rendered
 * side by side, one per processor.
 */
@Component
public class ReportWriter {

    public static final String LATEST = "latest";
    private static final String STAGING_PREFIX = ".latest-new-";
    private static final String RETIRED_PREFIX = ".latest-old-";

    private final Map<String, ReportRenderer> renderers = new TreeMap<>();

    public ReportWriter(List<ReportRenderer> renderers) {
        Set<String> files = new LinkedHashSet<>();
        for (ReportRenderer r : renderers) {
            if (this.renderers.putIfAbsent(r.format(), r) != null) {
                throw new IllegalArgumentException("two report renderers for format '" + r.format() + "'");
            }
            String name = r.fileName();
            if (name.isBlank() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("report file name '" + name + "' of format '" + r.format()
                        + "' must be a plain file name");
            }
            if (!files.add(name)) {
                throw new IllegalArgumentException("two report renderers write '" + name + "'");
            }
        }
    }

    /** The formats this writer can produce, sorted: html, json, xlsx (and any other renderer's). */
    public Set<String> formats() {
        return renderers.keySet();
    }

    /** The formats written when none is asked for: every one but those written on request (junit). */
    public Set<String> defaults() {
        Set<String> defaults = new TreeSet<>();
        renderers.forEach((format, renderer) -> {
            if (renderer.byDefault()) {
                defaults.add(format);
            }
        });
        return defaults;
    }

    /** The default formats. Returns the run's directory. */
    public Path write(ReportModel model, Path outRoot) throws IOException {
        return write(model, outRoot, defaults());
    }

    /**
     * Only the given formats (case-insensitive).
     *
     * @throws IllegalArgumentException when a format is unknown (the message names the valid ones) or none is given
     */
    public Path write(ReportModel model, Path outRoot, Set<String> formats) throws IOException {
        List<ReportRenderer> selected = select(formats);
        Path runDir = outRoot.resolve(String.valueOf(model.run().id()));
        Files.createDirectories(runDir);

        IOException failure = null;
        Map<ReportRenderer, Future<Void>> renderings = renderAll(selected, model, runDir);
        for (Map.Entry<ReportRenderer, Future<Void>> rendering : renderings.entrySet()) {
            ReportRenderer renderer = rendering.getKey();
            try {
                rendering.getValue().get();
            } catch (InterruptedException e) {
                renderings.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the reports of run " + model.run().id()
                        + " were written");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                IOException wrapped = new IOException("the " + renderer.format() + " report of run "
                        + model.run().id() + " could not be written: " + e.getCause().getMessage(), e.getCause());
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        replaceLatest(runDir, outRoot);
        return runDir;
    }

    /**
     * Starts every renderer on a pool as wide as the machine's processors: the renderers only read the model, and
     * at scale report.html and findings.json are then written while report.xlsx, the longest, is.
     */
    private static Map<ReportRenderer, Future<Void>> renderAll(List<ReportRenderer> selected, ReportModel model,
                                                               Path runDir) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(selected.size(), Runtime.getRuntime().availableProcessors()), task -> {
                    Thread thread = new Thread(task, "report-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Map<ReportRenderer, Future<Void>> renderings = new LinkedHashMap<>();
            for (ReportRenderer renderer : selected) {
                renderings.put(renderer, pool.submit(() -> {
                    renderInto(renderer, model, runDir);
                    return null;
                }));
            }
            return renderings;
        } finally {
            pool.shutdown();
        }
    }

    private List<ReportRenderer> select(Set<String> formats) {
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("no report format given; valid formats: " + validFormats());
        }
        List<ReportRenderer> selected = new ArrayList<>();
        Set<String> wanted = new TreeSet<>();
        formats.forEach(f -> wanted.add(f == null ? "" : f.trim().toLowerCase(Locale.ROOT)));
        for (String format : wanted) {
            ReportRenderer renderer = renderers.get(format);
            if (renderer == null) {
                throw new IllegalArgumentException("unknown report format '" + format + "'; valid formats: "
                        + validFormats());
            }
            selected.add(renderer);
        }
        return selected;
    }

    private String validFormats() {
        return String.join(", ", renderers.keySet());
    }

    private static void renderInto(ReportRenderer renderer, ReportModel model, Path runDir) throws IOException {
        Path part = Files.createTempFile(runDir, "." + renderer.fileName() + "-", ".part");
        try {
            renderer.render(model, part);
            move(part, runDir.resolve(renderer.fileName()));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Makes {@code latest/} a copy of the run's directory: staged beside it, then swapped in. */
    private static synchronized void replaceLatest(Path runDir, Path outRoot) throws IOException {
        removeRetired(outRoot);
        Path latest = outRoot.resolve(LATEST);
        Path staging = Files.createTempDirectory(outRoot, STAGING_PREFIX);
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!name.startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(file, staging.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Path retired = null;
            if (Files.exists(latest, LinkOption.NOFOLLOW_LINKS)) {
                retired = outRoot.resolve(RETIRED_PREFIX + staging.getFileName().toString()
                        .substring(STAGING_PREFIX.length()));
                move(latest, retired);
            }
            move(staging, latest);
            if (retired != null) {
                deleteTree(retired);
            }
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(staging);
            }
        }
    }

    /** Leftovers of a writer that stopped between the two renames. */
    private static void removeRetired(Path outRoot) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(outRoot, RETIRED_PREFIX + "*")) {
            for (Path dir : old) {
                deleteTree(dir);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a directory with everything under it; a link is deleted, never followed. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
