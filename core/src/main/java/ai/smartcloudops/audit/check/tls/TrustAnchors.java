package ai.smartcloudops.audit.check.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The roots a chain may end in: the JDK's default trust store, plus a location's extra CA bundle. */
public final class TrustAnchors {

    private static volatile TrustAnchors jdkDefault;

    private final List<X509Certificate> certificates;

    private TrustAnchors(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** The JDK's default trust store (cacerts, or javax.net.ssl.trustStore), read once. */
    public static TrustAnchors jdkDefault() {
        TrustAnchors anchors = jdkDefault;
        if (anchors == null) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                List<X509Certificate> roots = new ArrayList<>();
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        roots.addAll(Arrays.asList(x509.getAcceptedIssuers()));
                    }
                }
                anchors = new TrustAnchors(roots);
                jdkDefault = anchors;
            } catch (NoSuchAlgorithmException | KeyStoreException e) {
                throw new IllegalStateException("cannot read the JDK's default trust store: " + e.getMessage(), e);
            }
        }
        return anchors;
    }

    /** These anchors and {@code extra} (a CA bundle). */
    public TrustAnchors with(List<X509Certificate> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<X509Certificate> all = new ArrayList<>(certificates);
        all.addAll(extra);
        return new TrustAnchors(all);
    }

    boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    /** An anchor whose subject is {@code certificate}'s issuer and whose key verifies its signature. */
    boolean issues(X509Certificate certificate) {
        return certificates.stream().anyMatch(a -> a.getSubjectX500Principal()
                .equals(certificate.getIssuerX500Principal()) && Certificates.signedBy(certificate, a.getPublicKey()));
    }

    Set<TrustAnchor> pkix() {
        Set<TrustAnchor> anchors = new HashSet<>();
        certificates.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        return anchors;
    }

    /** A TLS context whose clients trust exactly these anchors: for the audit's own HTTPS calls. */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("anchor-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context of " + certificates.size() + " anchors: "
                    + e.getMessage(), e);
        }
    }
}
