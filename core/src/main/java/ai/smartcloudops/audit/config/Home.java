package ai.smartcloudops.audit.config;

import java.nio.file.Path;

/**
 * The one answer to "where is home": {@code $HOME} when it is set, else the JVM's {@code user.home} (the passwd
 * entry), so two operators sharing one account with their own {@code HOME} keep their own stores.
 */
public final class Home {

    private Home() {
    }

    /** The user's home directory: {@code $HOME}, else {@code user.home}. */
    public static Path user() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /**
     * The audit's home when {@code health-audit.home} (environment: {@code HEALTH_AUDIT_HOME}) is not set:
     * {@code .health-audit} under the user's home.
     */
    public static Path audit() {
        return user().resolve(".health-audit");
    }

    /** The path with a leading {@code ~} replaced by the user's home; other paths unchanged. */
    public static Path expand(String path) {
        return path.equals("~") || path.startsWith("~/") ? Path.of(user() + path.substring(1)) : Path.of(path);
    }
}
