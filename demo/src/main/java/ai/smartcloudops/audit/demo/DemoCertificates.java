package ai.smartcloudops.audit.demo;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the demo's TLS endpoints and Secrets (and the tests'), made on the spot: a root, intermediates
 * and leaves with the validity, key and signature a fault needs — expired, short-lived, a 1024-bit RSA key, a
 * SHA-1 signature, a self-signed leaf.
 */
public final class DemoCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private DemoCertificates() {
    }

    /**
     * What to issue.
     *
     * @param commonName the subject's CN
     * @param dnsNames   subjectAltName DNS names (none for a CA)
     * @param notBefore  start of validity
     * @param notAfter   end of validity
     * @param keyType    "RSA" or "EC"
     * @param keyBits    RSA modulus bits, or the EC curve's size (256 or 384)
     * @param signature  the issuer's signature algorithm, e.g. SHA256withRSA, SHA1withRSA, SHA256withECDSA
     * @param ca         a CA certificate (may issue others)
     */
    public record Spec(String commonName, List<String> dnsNames, Instant notBefore, Instant notAfter, String keyType,
                       int keyBits, String signature, boolean ca) {

        public Spec {
            dnsNames = List.copyOf(dnsNames);
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException(commonName + ": notAfter must be after notBefore");
            }
        }

        /** A server certificate for {@code host}, 2048-bit RSA, SHA-256, valid from a day before {@code now}. */
        public static Spec server(String host, Instant now, Duration validFor) {
            return new Spec(host, List.of(host), now.minus(Duration.ofDays(1)), now.plus(validFor), "RSA", 2048,
                    "SHA256withRSA", false);
        }

        /** A CA valid for ten years around {@code now}. */
        public static Spec authority(String commonName, Instant now) {
            return new Spec(commonName, List.of(), now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)),
                    "RSA", 2048, "SHA256withRSA", true);
        }

        public Spec valid(Instant from, Instant to) {
            return new Spec(commonName, dnsNames, from, to, keyType, keyBits, signature, ca);
        }

        public Spec key(String type, int bits) {
            return new Spec(commonName, dnsNames, notBefore, notAfter, type, bits, signature, ca);
        }

        public Spec signedWith(String algorithm) {
            return new Spec(commonName, dnsNames, notBefore, notAfter, keyType, keyBits, algorithm, ca);
        }
    }

    /**
     * An issued certificate with its private key and its issuers, nearest first (empty when self-signed).
     */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> issuers) {

        public Issued {
            issuers = List.copyOf(issuers);
        }

        /** The certificate followed by its issuers: what a correctly configured server sends. */
        public List<X509Certificate> chain() {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuers);
            return chain;
        }

        /** The certificate as PEM, as in a Secret's tls.crt: with {@code issuers}, the full chain. */
        public String pem(boolean withIssuers) {
            StringBuilder pem = new StringBuilder(DemoCertificates.pem(certificate));
            if (withIssuers) {
                issuers.forEach(issuer -> pem.append(DemoCertificates.pem(issuer)));
            }
            return pem.toString();
        }

        /** Issues {@code spec} signed by this certificate, which must be a CA. */
        public Issued issue(Spec spec) {
            return DemoCertificates.issue(spec, this);
        }
    }

    /** A self-signed certificate: a root CA, or a leaf nobody vouches for. */
    public static Issued selfSigned(Spec spec) {
        return issue(spec, null);
    }

    private static Issued issue(Spec spec, Issued issuer) {
        try {
            KeyPair keys = keyPair(spec.keyType(), spec.keyBits());
            X500Name subject = new X500Name("CN=" + spec.commonName() + ",O=SmartCloudOps Demo");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore()),
                    Date.from(spec.notAfter()), subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.ca()
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (!spec.dnsNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(spec.dnsNames()
                        .stream().map(name -> new GeneralName(GeneralName.dNSName, name))
                        .toArray(GeneralName[]::new)));
            }
            PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.key();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(spec.signature()).build(signer)));
            List<X509Certificate> issuers = issuer == null ? List.of() : issuer.chain();
            return new Issued(certificate, keys.getPrivate(), issuers);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + spec.commonName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair(String type, int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp" + bits + "r1"), new SecureRandom());
        } else {
            generator.initialize(bits, new SecureRandom());
        }
        return generator.generateKeyPair();
    }

    /** PEM of a certificate. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** PEM of a private key (PKCS#8): what a TLS Secret's tls.key holds. */
    public static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
