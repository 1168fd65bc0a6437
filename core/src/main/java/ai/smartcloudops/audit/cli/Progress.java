package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.run.SweepProgress;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * How far a sweep has come, per area: checks judged of all, targets, findings so far, time since the sweep began.
 * On a terminal one live line per area, redrawn in place through JLine's terminfo capabilities, and whatever the
 * log writes meanwhile is printed above them; elsewhere (a CronJob's log) one plain line per area once it is done.
 */
abstract class Progress implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    /** How often at most the live lines are redrawn. */
    private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

    private final Map<Area, Tally> areas = new EnumMap<>(Area.class);
    private final LongSupplier nanos;
    private long started;

    Progress(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** --quiet: nothing but the summary. */
    static Progress none() {
        return new Progress(System::nanoTime) {
            @Override
            void planned() {
            }

            @Override
            void judged(Area area) {
            }
        };
    }

    /** One plain line per area as it finishes. */
    static Progress lines(PrintWriter out, LongSupplier nanos) {
        return new Progress(nanos) {
            @Override
            void planned() {
            }

            @Override
            void judged(Area area) {
                Tally tally = tally(area);
                if (tally.done()) {
                    out.println(line(area, tally));
                    out.flush();
                }
            }
        };
    }

    /**
     * The live lines on the terminal behind standard output, when there is one and the output is not redirected;
     * else {@link #lines}.
     */
    static Progress forConsole(PrintWriter out, boolean color) {
        if (!interactive(System.console())) {
            return lines(out, System::nanoTime);
        }
        try {
            // a grapheme mode chosen up front: left to detect it, JLine probes the terminal with escape sequences
            Terminal terminal = TerminalBuilder.builder().system(true).dumb(false).graphemeCluster(false).build();
            return Terminal.TYPE_DUMB.equals(terminal.getType()) ? lines(out, System::nanoTime)
                    : new Live(terminal, color);
        } catch (IOException | IllegalStateException e) {
            return lines(out, System::nanoTime);
        }
    }

    /**
     * Whether the standard streams are a terminal: a console, which up to Java 21 exists only then, and from Java 22
     * on (where it always exists) says so itself.
     */
    static boolean interactive(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    abstract void planned();

    abstract void judged(Area area);

    @Override
    public final synchronized void onApplicationEvent(ApplicationEvent event) {
        Object progress = event instanceof PayloadApplicationEvent<?> payload ? payload.getPayload() : null;
        if (progress instanceof SweepProgress.Planned planned) {
            started = nanos.getAsLong();
            areas.clear();
            planned.areas().forEach((area, plan) -> areas.put(area, new Tally(plan)));
            planned();
        } else if (progress instanceof SweepProgress.Judged judged && areas.get(judged.area()) != null) {
            Tally tally = areas.get(judged.area());
            tally.judged++;
            tally.findings += judged.findings();
            if (tally.done()) {
                tally.took = nanos.getAsLong() - started;
            }
            judged(judged.area());
        }
    }

    @Override
    public void close() {
    }

    Tally tally(Area area) {
        return areas.get(area);
    }

    Map<Area, Tally> areas() {
        return areas;
    }

    /** kubernetes     27/27   checks   2 targets    14 findings    3.2s */
    final String line(Area area, Tally tally) {
        long millis = Duration.ofNanos(tally.done() ? tally.took : nanos.getAsLong() - started).toMillis();
        // tenths of a second, not Humanize's milliseconds: a live line whose width changes at each redraw flickers
        String took = Math.floorDiv(millis, 100) / 10.0 + "s";
        return String.format("%-11s %4d/%-4d checks %3d target%s %5d finding%s %7s", area.id(), tally.judged,
                tally.plan.checks(), tally.plan.targets(), tally.plan.targets() == 1 ? " " : "s", tally.findings,
                tally.findings == 1 ? " " : "s", took).stripTrailing();
    }

    /** An area's counts. */
    static final class Tally {
        private final SweepProgress.Plan plan;
        private int judged;
        private int findings;
        private long took;

        Tally(SweepProgress.Plan plan) {
            this.plan = plan;
        }

        boolean done() {
            return judged >= plan.checks();
        }
    }

    /**
     * The live lines. Each redraw moves the cursor up over the lines drawn before and clears to the end of the
     * screen; a line is cut to the terminal's width so that it never wraps (a wrapped line would throw the count off).
     */
    private static final class Live extends Progress {

        private final Terminal terminal;
        private final boolean color;
        private static final Duration TICK = Duration.ofMillis(500);

        private final PrintStream stdout = System.out;
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-clock");
            t.setDaemon(true);
            return t;
        });
        private int drawn;
        private long drawnAt;
        private final ScheduledFuture<?> ticks;
        private boolean closed;

        Live(Terminal terminal, boolean color) {
            super(System::nanoTime);
            this.terminal = terminal;
            this.color = color;
            // the log writes to System.out: its lines go above the live ones instead of through them
            System.setOut(new PrintStream(new LineSink(this::above), true, StandardCharsets.UTF_8));
            // the elapsed time moves on while a slow check holds every area still
            ticks = clock.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void tick() {
            if (areas().values().stream().anyMatch(tally -> !tally.done()) && nanosSince(drawnAt) >= TICK.toNanos()) {
                draw();
            }
        }

        @Override
        void planned() {
            draw();
        }

        @Override
        void judged(Area area) {
            if (tally(area).done() || nanosSince(drawnAt) >= REDRAW_NANOS) {
                draw();
            }
        }

        private long nanosSince(long at) {
            return System.nanoTime() - at;
        }

        private synchronized void above(String line) {
            if (closed) {
                stdout.println(line);
                return;
            }
            erase();
            terminal.writer().println(line);
            draw();
        }

        private synchronized void draw() {
            if (closed) {
                return;
            }
            erase();
            int width = terminal.getWidth() > 0 ? Math.max(20, terminal.getWidth() - 1) : Listing.DEFAULT_WIDTH - 1;
            areas().forEach((area, tally) -> {
                String line = Listing.cut(line(area, tally), width);
                if (color) {
                    // the area in bold; the rest green once done without findings, yellow once done with some
                    AttributedStyle rest = !tally.done() ? AttributedStyle.DEFAULT : AttributedStyle.DEFAULT
                            .foreground(tally.findings > 0 ? AttributedStyle.YELLOW : AttributedStyle.GREEN);
                    int cut = Math.min(area.id().length(), line.length());
                    line = new AttributedStringBuilder().append(line.substring(0, cut), AttributedStyle.BOLD)
                            .append(line.substring(cut), rest).toAnsi(terminal);
                }
                terminal.writer().println(line);
            });
            drawn = areas().size();
            drawnAt = System.nanoTime();
            terminal.flush();
        }

        private void erase() {
            for (int i = 0; i < drawn; i++) {
                terminal.puts(Capability.cursor_up);
            }
            terminal.puts(Capability.carriage_return);
            terminal.puts(Capability.clr_eos);
            drawn = 0;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            ticks.cancel(false);
            clock.shutdownNow();
            if (!areas().isEmpty()) {
                draw();
            }
            closed = true;
            System.setOut(stdout);
            try {
                terminal.close();
            } catch (IOException e) {
                // the terminal's attributes could not be restored: nothing is left to draw on it
            }
        }
    }

    /** Whole lines written to a stream, each handed on without its line end. */
    private static final class LineSink extends OutputStream {

        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8).stripTrailing());
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }
    }
}
