package ai.smartcloudops.audit.check.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** X.509 certificates read from PEM: a CA bundle file, or (for a Secret source) the bytes of a tls.crt. */
public final class Pem {

    private Pem() {
    }

    /** Every certificate in the PEM file at {@code path}, in order. */
    public static List<X509Certificate> certificates(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return certificates(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalStateException("not PEM certificates: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /** Every certificate in PEM {@code bytes}, in order (leaf first in a tls.crt). */
    public static List<X509Certificate> certificates(byte[] bytes) throws CertificateException {
        return certificates(new ByteArrayInputStream(bytes));
    }

    private static List<X509Certificate> certificates(InputStream in) throws CertificateException {
        return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                .map(X509Certificate.class::cast).toList();
    }
}
