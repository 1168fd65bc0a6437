package ai.smartcloudops.audit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged command line in a process of its own, as Kubernetes runs it: for tests of several processes. */
public final class JarProcess {

    private static final Path JAR = Path.of("target", "health-audit.jar").toAbsolutePath();

    private JarProcess() {
    }

    /** {@code java <jvmOptions> -jar target/health-audit.jar <args>} on this JVM's java, stderr into stdout. */
    public static ProcessBuilder of(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
