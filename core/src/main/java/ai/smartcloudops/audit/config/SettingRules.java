package ai.smartcloudops.audit.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.stereotype.Component;

/**
 * Rules every {@code health-audit.*} value obeys whatever record binds it, by the key's name: no {@code ${VAR}} left
 * unresolved, a URL is http(s), a ratio lies in 0..1 and a percentage in 0..100. {@code config validate} applies them
 * to the file; binding applies them again at start-up, where values from the environment arrive.
 */
@Component
public class SettingRules implements ConfigurationPropertiesBindHandlerAdvisor {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)");
    /** The audited databases' URLs are JDBC; their record requires jdbc:postgresql. */
    private static final Pattern JDBC_URL = Pattern.compile("health-audit\\.postgres\\.databases\\[[^]]+]\\.url");

    /** The variable of a {@code ${VAR}} left in a value once placeholders are resolved, or null. */
    public static String unresolvedVariable(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? m.group(1) : null;
    }

    /** What is wrong with the value bound to {@code key}, or null when it obeys every rule. */
    public static String problem(String key, Object value) {
        if (value instanceof String text && unresolvedVariable(text) != null) {
            return "variable " + unresolvedVariable(text) + " is not set (the value is ${"
                    + unresolvedVariable(text) + "})";
        }
        String name = key.substring(key.lastIndexOf('.') + 1);
        if (value instanceof String url && isUrlKey(key, name)) {
            return httpUrlProblem(url);
        }
        if (value instanceof Number number) {
            double v = number.doubleValue();
            if (name.equals("fragmentation-ratio")) {
                return v >= 1 ? null : "must be at least 1 (memory allocated over used), got " + number;
            }
            if ((name.endsWith("-ratio") || name.endsWith("-rate")) && (v < 0 || v > 1)) {
                return "must be a ratio between 0 and 1 (0.99 is 99%), got " + number;
            }
            if ((name.endsWith("-percent") || name.endsWith("-percent-threshold")) && (v < 0 || v > 100)) {
                return "must be a percentage between 0 and 100, got " + number;
            }
            if ((name.endsWith("-per-day") || name.endsWith("-bytes")) && v < 0) {
                return "must not be negative, got " + number;
            }
        }
        return null;
    }

    private static boolean isUrlKey(String key, String name) {
        return (name.equals("url") || name.endsWith("-url") || key.endsWith(".pool.prometheus"))
                && !JDBC_URL.matcher(key).matches();
    }

    /** The value is a secret (a Slack webhook URL holds its token): the message names only the scheme. */
    private static String httpUrlProblem(String url) {
        if (url.isBlank()) {
            return null;
        }
        String expected = "must be an http:// or https:// URL";
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null) {
                return expected + ", got one without a scheme";
            }
            if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                return expected + ", not " + uri.getScheme() + ":";
            }
            return uri.getHost() == null ? expected + " with a host" : null;
        } catch (URISyntaxException e) {
            return expected + " (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
    }

    @Override
    public BindHandler apply(BindHandler parent) {
        return new AbstractBindHandler(parent) {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                    Object result) {
                String key = name.toString();
                String problem = key.startsWith("health-audit.") ? problem(key, result) : null;
                if (problem != null) {
                    throw new IllegalArgumentException(key + ": " + problem);
                }
                return super.onSuccess(name, target, context, result);
            }
        };
    }
}
