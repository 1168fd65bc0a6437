import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Shrinks libraries of the image's jar to the classes the audit reaches from its own (docs/benchmarks.md,
 * "Artefacts"). An AWS service module carries the model of every operation of its service (EC2's is 25 MiB); the audit
 * calls a few. Two passes, nothing renamed, optimised or rewritten:
 * <ol>
 *   <li>ProGuard removes the members that nothing reaches from the product's classes.</li>
 *   <li>Then every class that no remaining class refers to goes: ProGuard keeps each override of a method that a kept
 *       class calls, in every subclass, and each service's base request type calls its abstract toBuilder(), which
 *       would keep the request of every operation and all they refer to.</li>
 * </ol>
 * Nothing loads these modules' classes by name (their warm-up service entries go with them), so what no class refers
 * to is never loaded. ImageAwsIT runs every AWS read and the S3 upload from the shrunk jar.
 *
 * <p>Usage: {@code java ImageLibraries.java BOOT_JAR JMODS WORK MODULE...}, a module as its jar's name without the
 * version ({@code ec2}); the boot jar is rewritten in place.
 */
public final class ImageLibraries {

    private static final String LIB = "BOOT-INF/lib/";
    private static final String CLASSES = "BOOT-INF/classes/";
    /** The JDK modules that the libraries build on: ProGuard needs the whole hierarchy to know what overrides it. */
    private static final Pattern JMODS = Pattern.compile(
            "(java\\..*|jdk\\.(unsupported|jfr|net|management|httpserver|xml\\.dom|crypto\\..*|naming\\..*))\\.jmod");

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: java ImageLibraries.java BOOT_JAR JMODS WORK MODULE...");
        }
        Path bootJar = Path.of(args[0]);
        Path jmods = Path.of(args[1]);
        Path work = Path.of(args[2]);
        List<String> modules = List.of(args).subList(3, args.length);
        if (!Files.isDirectory(jmods)) {
            throw new IllegalStateException(jmods + " is not a directory of JDK modules (.jmod): shrinking the "
                    + "image's libraries needs a full JDK (on Debian: openjdk-17-jdk-headless)");
        }
        deleteTree(work);
        Path in = Files.createDirectories(work.resolve("in"));
        Path shrunk = Files.createDirectories(work.resolve("shrunk"));
        Map<String, String> shrinking = extract(bootJar, in, modules);

        Path config = work.resolve("image-libraries.pro");
        Files.writeString(config, proguardConfiguration(in, shrunk, jmods, shrinking.values()));
        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(config.toFile(), System.getProperties())) {
            parser.parse(configuration);
        }
        new ProGuard(configuration).execute();

        Map<String, byte[]> jars = new LinkedHashMap<>();
        Set<String> live = liveClasses(in.resolve("classes"), shrunk, shrinking.values());
        for (String jar : shrinking.values()) {
            jars.put(LIB + jar, withOnly(shrunk.resolve(jar), live));
            System.out.printf(Locale.ROOT, "%s: %.1f MiB -> %.1f MiB%n", jar,
                    Files.size(in.resolve(jar)) / 1048576.0, jars.get(LIB + jar).length / 1048576.0);
        }
        replace(bootJar, jars, work.resolve("health-audit.jar"));
    }

    /** Extracts the product's classes, the modules to shrink and every other library (ProGuard's library jars). */
    private static Map<String, String> extract(Path bootJar, Path in, List<String> modules) throws IOException {
        Map<String, String> shrinking = new LinkedHashMap<>();
        Path classes = Files.createDirectories(in.resolve("classes"));
        Path libraries = Files.createDirectories(in.resolve("libraries"));
        try (ZipFile zip = new ZipFile(bootJar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                Path to = null;
                if (name.startsWith(CLASSES)) {
                    to = classes.resolve(name.substring(CLASSES.length()));
                } else if (name.startsWith(LIB) && name.endsWith(".jar")) {
                    String jar = name.substring(LIB.length());
                    String module = modules.stream().filter(m -> jar.matches(Pattern.quote(m) + "-[0-9][^/]*\\.jar"))
                            .findFirst().orElse(null);
                    if (module != null) {
                        shrinking.put(module, jar);
                        to = in.resolve(jar);
                    } else {
                        to = libraries.resolve(jar);
                    }
                }
                if (to != null) {
                    Files.createDirectories(to.getParent());
                    try (InputStream body = zip.getInputStream(entry)) {
                        Files.copy(body, to);
                    }
                }
            }
        }
        List<String> missing = modules.stream().filter(m -> !shrinking.containsKey(m)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(bootJar + " has no library " + missing + " to shrink: drop it from "
                    + "the list in core/pom.xml, or add the dependency back");
        }
        return shrinking;
    }

    private static String proguardConfiguration(Path in, Path shrunk, Path jmods, Iterable<String> jars)
            throws IOException {
        StringBuilder config = new StringBuilder();
        // the product's classes are the seeds; their copy is not used
        config.append("-injars '").append(in.resolve("classes")).append("'\n");
        config.append("-outjars '").append(in.getParent().resolve("seeds")).append("'\n");
        for (String jar : jars) {
            // the warm-up providers are loaded only by the SDK's warm-up API, which the audit never calls
            config.append("-injars '").append(in.resolve(jar)).append("'(!META-INF/services/**)\n");
            config.append("-outjars '").append(shrunk.resolve(jar)).append("'\n");
        }
        try (Stream<Path> libraries = Files.list(in.resolve("libraries"))) {
            for (Path library : libraries.sorted().toList()) {
                config.append("-libraryjars '").append(library).append("'\n");
            }
        }
        try (Stream<Path> modules = Files.list(jmods)) {
            for (Path module : modules.filter(m -> JMODS.matcher(m.getFileName().toString()).matches())
                    .sorted().toList()) {
                config.append("-libraryjars '").append(module).append("'(!**.jar;!module-info.class)\n");
            }
        }
        config.append("""
                -keep class ai.smartcloudops.** { *; }
                # EnumSet and Enum.valueOf find an enum's constants through values(), by reflection
                -keepclassmembers enum * { public static **[] values(); public static ** valueOf(java.lang.String); }
                -keepattributes *
                -dontobfuscate
                -dontoptimize
                -dontnote
                # S3's optional CRT client, which the audit does not use and the image does not carry
                -dontwarn software.amazon.awssdk.crt.**
                """);
        return config.toString();
    }

    /**
     * The classes of the shrunk jars that a class refers to, from the product's classes on: through its super
     * types, its members' types, and the classes its code names (the JVM loads no other).
     */
    private static Set<String> liveClasses(Path seeds, Path shrunk, Iterable<String> jars) throws IOException {
        Map<String, byte[]> candidates = new HashMap<>();
        for (String jar : jars) {
            try (ZipFile zip = new ZipFile(shrunk.resolve(jar).toFile())) {
                for (ZipEntry entry : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream body = zip.getInputStream(entry)) {
                        candidates.put(entry.getName().replaceFirst("\\.class$", ""), body.readAllBytes());
                    }
                }
            }
        }
        Set<String> live = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        try (Stream<Path> classes = Files.walk(seeds)) {
            for (Path seed : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                references(Files.readAllBytes(seed)).stream().filter(candidates::containsKey).forEach(next::add);
            }
        }
        while (!next.isEmpty()) {
            String name = next.pop();
            if (live.add(name)) {
                references(candidates.get(name)).stream().filter(candidates::containsKey)
                        .filter(c -> !live.contains(c)).forEach(next::add);
            }
        }
        return live;
    }

    /** The internal names of the classes that a class file refers to, its inner-class table and signatures aside. */
    private static Set<String> references(byte[] classFile) {
        Set<String> names = new HashSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                add(superName);
                if (interfaces != null) {
                    List.of(interfaces).forEach(this::add);
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                type(Type.getType(descriptor));
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                type(Type.getMethodType(descriptor));
                if (exceptions != null) {
                    List.of(exceptions).forEach(this::add);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        type(Type.getObjectType(type));
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                        add(owner);
                        type(Type.getType(descriptor));
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        type(Type.getObjectType(owner));
                        type(Type.getMethodType(descriptor));
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                       Object... arguments) {
                        type(Type.getMethodType(descriptor));
                        constant(bootstrap);
                        List.of(arguments).forEach(argument -> constant(argument));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value);
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                        type(Type.getType(descriptor));
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        add(type);
                    }

                    @Override
                    public void visitFrame(int type, int locals, Object[] local, int stack, Object[] stackItems) {
                        // the verifier loads the classes of a frame to check what is assigned to what
                        for (Object[] items : new Object[][] {local, stackItems}) {
                            if (items != null) {
                                for (Object item : items) {
                                    if (item instanceof String internalName) {
                                        type(Type.getObjectType(internalName));
                                    }
                                }
                            }
                        }
                    }
                };
            }

            private void constant(Object value) {
                if (value instanceof Type type) {
                    type(type);
                } else if (value instanceof Handle handle) {
                    add(handle.getOwner());
                    type(handle.getDesc().startsWith("(") ? Type.getMethodType(handle.getDesc())
                            : Type.getType(handle.getDesc()));
                }
            }

            private void type(Type type) {
                switch (type.getSort()) {
                    case Type.OBJECT -> add(type.getInternalName());
                    case Type.ARRAY -> type(type.getElementType());
                    case Type.METHOD -> {
                        type(type.getReturnType());
                        List.of(type.getArgumentTypes()).forEach(this::type);
                    }
                    default -> { }
                }
            }

            private void add(String internalName) {
                if (internalName != null) {
                    names.add(internalName);
                }
            }
        }, ClassReader.SKIP_DEBUG);
        return names;
    }

    /** The jar without the classes that are not live; its other entries (licence, notice, version) stay. */
    private static byte[] withOnly(Path jar, Set<String> live) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream from = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream to = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = from.getNextEntry(); entry != null; entry = from.getNextEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !live.contains(name.substring(0, name.length() - 6))) {
                    continue;
                }
                to.putNextEntry(new ZipEntry(name));
                from.transferTo(to);
                to.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the boot jar again, entry by entry in its order, with the shrunk libraries in place of the originals:
     * stored, as Spring Boot's launcher reads nested jars only uncompressed.
     */
    private static void replace(Path bootJar, Map<String, byte[]> libraries, Path scratch) throws IOException {
        try (ZipFile from = new ZipFile(bootJar.toFile());
             OutputStream file = Files.newOutputStream(scratch);
             ZipOutputStream to = new ZipOutputStream(file)) {
            for (ZipEntry entry : from.stream().toList()) {
                byte[] body = libraries.get(entry.getName());
                if (body == null) {
                    try (InputStream in = from.getInputStream(entry)) {
                        body = in.readAllBytes();
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                copy.setComment(entry.getComment());
                copy.setMethod(entry.getMethod());
                if (entry.getMethod() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(body);
                    copy.setSize(body.length);
                    copy.setCompressedSize(body.length);
                    copy.setCrc(crc.getValue());
                }
                to.putNextEntry(copy);
                to.write(body);
                to.closeEntry();
            }
        }
        Files.move(scratch, bootJar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
