package ai.smartcloudops.audit.store;

import ai.smartcloudops.audit.text.Urls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before anything else starts, connects once to a configured store so an unreachable one fails fast with one
 * line naming host and database, never the password or the URL's parameters.
 */
public final class StorePreflight implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String url = env.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            check(url, env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
        }
    }

    public static void check(String url, String user, String password) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new StoreUnavailableException("the store URL is not a PostgreSQL JDBC URL; expected "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE", null);
        }
        // the driver reads jdbc:postgresql://user:password@host as the host "user:password@host"
        String where = Urls.mask("database " + parsed.getProperty("PGDBNAME") + " on " + parsed.getProperty("PGHOST")
                + ":" + parsed.getProperty("PGPORT"), url);
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            // reachable
        } catch (SQLException e) {
            // the driver's exception is not chained: its message may carry the URL's parameters
            throw new StoreUnavailableException("cannot reach the store (" + where + "): "
                    + firstSentence(e, url, password), null);
        }
    }

    private static String firstSentence(SQLException e, String url, String password) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\s+", " ").trim();
        int end = message.indexOf(". ");
        message = end > 0 ? message.substring(0, end) : message;
        message = Urls.mask(message, url);
        return password == null || password.isEmpty() ? message : message.replace(password, Urls.MASK);
    }
}
