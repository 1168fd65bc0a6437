package ai.smartcloudops.audit.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The identity of a finding across runs: a stable hash of code, target and resource. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String code, String target, Resource resource) {
        String key = String.join("\u001f", code, target, resource.kind(),
                resource.namespace() == null ? "" : resource.namespace(), resource.name());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
