package ai.smartcloudops.audit.check.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** What the evaluation reads off one certificate. */
final class Certificates {

    private Certificates() {
    }

    /** Lower-case hex SHA-256 of the DER encoding: the certificate's identity. */
    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The subject's CN, or the whole subject when it has none. */
    static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName());
    }

    /** The CN of a distinguished name, or the whole name when it has none. */
    static String commonName(String subject) {
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // fall through to the whole subject
        }
        return subject;
    }

    static String issuerName(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName();
    }

    /** Issued by itself, and its signature verifies with its own key. */
    static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        return signedBy(certificate, certificate.getPublicKey());
    }

    static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    /** "RSA", "EC", "DSA" or the algorithm's own name. */
    static String keyType(X509Certificate certificate) {
        return certificate.getPublicKey().getAlgorithm().toUpperCase(Locale.ROOT);
    }

    /** The RSA modulus, the EC field or the DSA prime size in bits; 0 when unknown (e.g. Ed25519). */
    static int keyBits(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    static List<String> dnsNames(X509Certificate certificate) {
        return altNames(certificate, 2);
    }

    static List<String> ipAddresses(X509Certificate certificate) {
        return altNames(certificate, 7);
    }

    private static List<String> altNames(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            Set<String> values = new LinkedHashSet<>();
            for (List<?> name : names) {
                if (name.size() >= 2 && Integer.valueOf(type).equals(name.get(0)) && name.get(1) instanceof String s) {
                    values.add(s);
                }
            }
            return List.copyOf(values);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
