package ai.smartcloudops.audit.text;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a URL is shown, logged or stored: its user information and the values of parameters that look like
 * secrets (password, token, key, secret, signature, ...) become {@code ****}. Works on any text, so a message that
 * quotes a URL is masked the same way.
 */
public final class Urls {

    public static final String MASK = "****";

    /** user information up to the last {@code @} of the authority, so an unencoded {@code @} in it is covered. */
    private static final Pattern USER_INFO = Pattern.compile("(://)([^/?#\\s]*)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;])([^=&;#\\s]*(?:token|key|password|passwd|pwd|secret|signature|sig|auth|credential)[^=&;#\\s]*)"
                    + "=([^&;#\\s]*)", Pattern.CASE_INSENSITIVE);

    private Urls() {
    }

    /** {@code text} with every URL's user information and secret parameter values masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1$2=" + MASK);
    }

    /**
     * {@code text} masked, and every secret of {@code url} masked wherever it appears, also without the URL around
     * it: a driver's message may name the host as {@code user:password@host}.
     */
    public static String mask(String text, String url) {
        String masked = mask(text);
        if (masked == null || url == null) {
            return masked;
        }
        for (String secret : secrets(url)) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The user information (whole, and its password alone) and secret parameter values of {@code url}. */
    private static Set<String> secrets(String url) {
        Set<String> secrets = new LinkedHashSet<>();
        Matcher user = USER_INFO.matcher(url);
        if (user.find()) {
            String userInfo = user.group(2);
            secrets.add(userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                secrets.add(userInfo.substring(colon + 1));
            }
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            secrets.add(parameter.group(3));
        }
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                all.add(secret);
                all.add(URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
