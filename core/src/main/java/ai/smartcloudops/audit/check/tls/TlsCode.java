package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.util.List;

/**
 * Certificate codes (TLS-1xx). Expiry, validity and strength codes are about one certificate wherever it was found
 * ({@code Certificate/<CN> <12 hex of its SHA-256>}, with every place in {@code locations}); handshake, hostname and
 * chain codes are about one location ({@code Endpoint/<configured name>}, later Secrets and Ingress hosts).
 */
public enum TlsCode implements FindingCode {

    TLS_101("TLS-101", Severity.P1, TlsHandshakeCheck.ID, TlsCode.UNAVAILABLE,
            "TLS handshake with {at} failed: {reason}",
            "{where}: {reason}. Clients cannot reach it over TLS, and nothing about its certificate could be checked.",
            """
            openssl s_client -connect {host}:{port} -servername {serverName} </dev/null
            curl -vI https://{serverName}:{port} 2>&1 | grep -E "(expire|subject|issuer)"
            # the Ingress that serves {serverName}, if one does
            kubectl get ingress --all-namespaces | grep -F {serverName}
            kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system"""),
    TLS_102("TLS-102", Severity.P0, TlsExpiryCheck.ID, TlsCode.SECTION,
            "Certificate {subject} at {at} expired on {notAfter}",
            "Not valid after {notAfter}, {ago} ago; clients refuse it. Served live: {live}. Found at: {locations}.",
            TlsCode.RENEW,
            new Grade(TlsCode.NOT_SERVED, Severity.P1)),
    TLS_103("TLS-103", Severity.P3, TlsExpiryCheck.ID, TlsCode.SECTION,
            "Certificate {subject} at {at} expires in {left}",
            "Not valid after {notAfter}: {left} left (P3 within {p3}, P2 within {p2}, P1 within {p1}). "
                    + "Found at: {locations}.",
            TlsCode.RENEW,
            new Grade(TlsCode.WITHIN_P2, Severity.P2),
            new Grade(TlsCode.WITHIN_P1, Severity.P1)),
    TLS_104("TLS-104", Severity.P2, TlsExpiryCheck.ID, TlsCode.SECTION,
            "Short-lived certificate {subject} at {at} has {left} of its {lifetime} lifetime left",
            "Its whole lifetime ({lifetime}) is shorter than the {p3} expiry threshold, which would fire from the "
                    + "day it was issued, so it is judged by its lifetime instead: {left} left is at most {fraction} "
                    + "of it, past the point where automatic renewal should have replaced it. Not valid after "
                    + "{notAfter}. Found at: {locations}.",
            TlsCode.RENEW),
    TLS_105("TLS-105", Severity.P1, TlsExpiryCheck.ID, TlsCode.SECTION,
            "Certificate {subject} at {at} is not valid before {notBefore}",
            "Not valid before {notBefore}, {ahead} from now: clients refuse it until then (or a clock is wrong). "
                    + "Found at: {locations}.",
            TlsCode.RENEW),
    TLS_106("TLS-106", Severity.P1, TlsHostnameCheck.ID, TlsCode.SECTION,
            "Certificate of {at} does not match {expected}",
            "{where} serves {subject}, valid for {names}; clients connecting to {expected} refuse it.",
            TlsCode.CHAIN),
    TLS_107("TLS-107", Severity.P1, TlsTrustCheck.ID, TlsCode.SECTION,
            "Certificate chain of {at} is not trusted",
            "{where}: {reason}. Served chain: {served}.",
            TlsCode.CHAIN),
    TLS_108("TLS-108", Severity.P2, TlsTrustCheck.ID, TlsCode.SECTION,
            "Certificate chain of {at} is incomplete: intermediate {missing} is missing",
            "{where} serves {served}; the last of them is issued by {missing}, which is neither served nor a trust "
                    + "anchor. Clients that do not already hold that intermediate refuse the chain.",
            TlsCode.SHOW_CHAIN + """
            # serve the leaf followed by its intermediate(s): cat leaf.crt intermediate.crt > new-certificate.crt
            """ + TlsCode.REPLACE),
    TLS_109("TLS-109", Severity.P1, TlsTrustCheck.ID, TlsCode.SECTION,
            "{at} serves a self-signed certificate on a public endpoint",
            "{where} serves {subject}, signed by itself: no client trusts it.",
            TlsCode.CHAIN),
    TLS_110("TLS-110", Severity.P2, TlsStrengthCheck.ID, TlsCode.SECTION,
            "Certificate {subject} at {at} has a weak {keyType} key of {bits} bits",
            "A {keyType} key of {bits} bits is below the minimum of {minimum}. Found at: {locations}.",
            TlsCode.RENEW),
    TLS_111("TLS-111", Severity.P2, TlsStrengthCheck.ID, TlsCode.SECTION,
            "Certificate {subject} at {at} is signed with {algorithm}",
            "Issued by {issuer} with a {algorithm} signature, which can be forged (SHA-1 and MD5 collisions); "
                    + "current clients refuse it. Found at: {locations}.",
            TlsCode.RENEW),
    TLS_112("TLS-112", Severity.P2, TlsHandshakeCheck.ID, TlsCode.SECTION,
            "{at} holds no readable certificate",
            "{where}: {reason}. A TLS Secret that an Ingress uses must hold the certificate chain in tls.crt (PEM, "
                    + "leaf first); the ingress controller cannot serve this one.",
            """
            kubectl get secret {name} -n {namespace} -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -subject -dates
            kubectl create secret tls {name} \\
              --cert=new-certificate.crt \\
              --key=private-key.key \\
              -n {namespace} --dry-run=client -o yaml | kubectl apply -f -
            kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system"""),
    TLS_113("TLS-113", Severity.P3, TlsHandshakeCheck.ID, TlsCode.SECTION,
            "Certificates of {name} were not audited",
            "{where}: {reason}. The certificates this source would have found there were not looked at.",
            """
            kubectl --context {cluster} auth can-i list {resource} --all-namespaces --as=system:serviceaccount:smartcloudops-monitoring:health-audit
            kubectl apply -k k8s/cronjob   # the read-only ClusterRole, get/list on ingresses and secrets included
            # or stop reading this source: health-audit.tls.kubernetes.{resource}: false""");

    static final String SECTION = "Certificate Expiration";
    static final String UNAVAILABLE = "API Service Unavailable (500/503 Errors)";

    /** Grades (see {@link Grade}): what makes a finding of the code more or less severe than its default. */
    static final String NOT_SERVED = "not served by a live endpoint";
    static final String WITHIN_P2 = "within expiring-p2";
    static final String WITHIN_P1 = "within expiring-p1";

    /**
     * The guide's replacement: the Secret that holds the certificate (or the operator's, when the audit read none),
     * the controller restarted, the endpoint verified.
     */
    private static final String REPLACE = """
            # {secretNote}
            kubectl create secret tls {secret} \\
              --cert=new-certificate.crt \\
              --key=private-key.key \\
              -n {secretNamespace} --dry-run=client -o yaml | kubectl apply -f -
            kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
            curl -vI https://{serverName}:{port} 2>&1 | grep -E "(expire|subject|issuer)\"""";

    /** The guide's renewal: check the dates, then replace. */
    private static final String RENEW = """
            openssl s_client -connect {host}:{port} -servername {serverName} 2>/dev/null | openssl x509 -noout -dates
            """ + REPLACE;

    private static final String SHOW_CHAIN = """
            openssl s_client -connect {host}:{port} -servername {serverName} -showcerts </dev/null
            """;

    /** The same, looking at the whole served chain first. */
    private static final String CHAIN = SHOW_CHAIN + REPLACE;

    private final Definition definition;

    TlsCode(String code, Severity severity, String owner, String runbook, String title, String detail,
            String remediation, Grade... grades) {
        this.definition = new Definition(code, severity, Area.TLS, Team.PLATFORM, owner, runbook, title, detail,
                remediation, List.of(grades));
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
