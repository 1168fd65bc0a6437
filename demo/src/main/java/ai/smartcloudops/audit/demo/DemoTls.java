package ai.smartcloudops.audit.demo;

import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's TLS endpoints: one HTTPS endpoint on the loopback interface per TLS code, each serving certificates
 * made relative to the demo's clock, a blackhole for the failed handshake, and a healthy endpoint. The demo root is
 * handed to the audit in a CA bundle (a temporary file removed on close), so only the faults are findings.
 *
 * <p>Per-location codes name the endpoint ({@code Endpoint/<name>}); per-certificate codes name the certificate by
 * its common name ({@code Certificate/<CN>}).
 */
public final class DemoTls implements DemoPart {

    public static final String DOMAIN = ".smartcloudops.local";

    static final String UNREADABLE_SECRET = "legacy-reports-tls";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.ofEntries(
            Map.entry("TLS-101", "Endpoint/blackhole"),                          // accepts and never answers
            Map.entry("TLS-102", "Certificate/expired" + DOMAIN),                // expired 3 days ago, live: P0
            Map.entry("TLS-103", "Certificate/expiring" + DOMAIN),               // 5 days left: P1
            Map.entry("TLS-104", "Certificate/short-lived" + DOMAIN),            // 3-day lifetime, 12 hours left
            Map.entry("TLS-105", "Certificate/not-yet-valid" + DOMAIN),          // valid from tomorrow
            Map.entry("TLS-106", "Endpoint/wrong-host"),                         // serves other.smartcloudops.local
            Map.entry("TLS-107", "Endpoint/private-root"),                       // ends in a root nobody trusts
            Map.entry("TLS-108", "Endpoint/incomplete"),                         // the intermediate left out
            Map.entry("TLS-109", "Endpoint/self-signed"),                        // self-signed, public
            Map.entry("TLS-110", "Certificate/weak-key" + DOMAIN),               // RSA 1024
            Map.entry("TLS-111", "Certificate/sha1" + DOMAIN),                   // SHA1withRSA
            Map.entry("TLS-112", "Secret/" + DemoNetworkFaults.APP + "/" + UNREADABLE_SECRET));  // tls.crt is not PEM

    /** The API's public host: the demo's Ingress lists it in its TLS section, served here through resolve. */
    public static final String API_HOST = "api.smartcloudops.ai";
    private static final String API_SECRET = "smartcloudops-tls";
    private static final String EXPIRING_SECRET = "smartcloudops-partner-tls";
    private static final String API_INGRESS = "smartcloudops-ingress";

    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Path bundle;
    private final Map<String, Integer> endpoints = new LinkedHashMap<>();
    private final List<DemoHttpServer> servers = new ArrayList<>();
    private DemoBlackhole blackhole;
    private DemoHttpServer apiServer;
    private Issued api;
    private Issued expiring;

    private DemoTls(Path dir) {
        this.dir = dir;
        this.bundle = dir.resolve("demo-ca-bundle.pem");
    }

    public static DemoTls start(Instant now) {
        DemoTls tls;
        try {
            tls = new DemoTls(Files.createTempDirectory("health-audit-demo-tls"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's CA bundle directory", e);
        }
        try {
            tls.serveAll(now);
            return tls;
        } catch (RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    private void serveAll(Instant now) {
        Issued root = DemoCertificates.selfSigned(Spec.authority("SmartCloudOps Demo Root CA", now));
        Issued issuing = root.issue(Spec.authority("SmartCloudOps Demo Issuing CA", now));
        try {
            Files.writeString(bundle, root.pem(false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's CA bundle", e);
        }
        Duration day = Duration.ofDays(1);
        serve("healthy", issuing.issue(server("healthy", now)));
        serve("expired", issuing.issue(server("expired", now).valid(now.minus(Duration.ofDays(93)),
                now.minus(Duration.ofDays(3)))));
        expiring = issuing.issue(server("expiring", now).valid(now.minus(Duration.ofDays(85)),
                now.plus(Duration.ofDays(5))));
        serve("expiring", expiring);
        serve("short-lived", issuing.issue(server("short-lived", now).valid(now.minus(Duration.ofHours(60)),
                now.plus(Duration.ofHours(12)))));
        serve("not-yet-valid", issuing.issue(server("not-yet-valid", now).valid(now.plus(day),
                now.plus(Duration.ofDays(91)))));
        serve("wrong-host", issuing.issue(server("other", now)));
        Issued privateRoot = DemoCertificates.selfSigned(Spec.authority("Unknown Private Root CA", now));
        serve("private-root", privateRoot.issue(server("private-root", now)));
        Issued incomplete = issuing.issue(server("incomplete", now));
        serve("incomplete", List.of(incomplete.certificate()), incomplete.key());
        serve("self-signed", DemoCertificates.selfSigned(server("self-signed", now)));
        serve("weak-key", issuing.issue(server("weak-key", now).key("RSA", 1024)));
        serve("sha1", issuing.issue(server("sha1", now).signedWith("SHA1withRSA")));
        blackhole = DemoBlackhole.start();
        endpoints.put("blackhole", blackhole.port());
        api = issuing.issue(Spec.server(API_HOST, now, Duration.ofDays(90)));
        apiServer = DemoHttpServer.https(DemoHttpServer.Response.OK, api.chain(), api.key());
    }

    /**
     * The demo cluster's side: the API's Ingress gets a TLS section for {@link #API_HOST} (a healthy certificate,
     * also stored in its Secret), the expiring certificate is stored in a second Secret as well — one finding lists
     * both places — and a third Secret holds no certificate at all. The Secrets hold keys, as real ones do: the audit
     * never reads them.
     */
    public void seed(KubernetesClient client) {
        tlsSecret(client, API_SECRET, api.pem(true), DemoCertificates.pem(api.key()));
        tlsSecret(client, EXPIRING_SECRET, expiring.pem(true), DemoCertificates.pem(expiring.key()));
        tlsSecret(client, UNREADABLE_SECRET, "certificate pending: ask the reports team", "");
        client.network().v1().ingresses().inNamespace(DemoNetworkFaults.APP).withName(API_INGRESS).edit(ingress ->
                new IngressBuilder(ingress).editSpec().addNewTl().withHosts(API_HOST).withSecretName(API_SECRET)
                        .endTl().endSpec().build());
    }

    private static void tlsSecret(KubernetesClient client, String name, String certificate, String key) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(DemoNetworkFaults.APP)
                .endMetadata().withType("kubernetes.io/tls").withData(Map.of(
                        "tls.crt", base64(certificate), "tls.key", base64(key))).build()).create();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Spec server(String name, Instant now) {
        return Spec.server(name + DOMAIN, now, Duration.ofDays(90));
    }

    private void serve(String name, Issued issued) {
        serve(name, issued.chain(), issued.key());
    }

    private void serve(String name, List<X509Certificate> chain, PrivateKey key) {
        DemoHttpServer server = DemoHttpServer.https(DemoHttpServer.Response.OK, chain, key);
        servers.add(server);
        endpoints.put(name, server.port());
    }

    /** Spring arguments that point the audit at these endpoints, with the demo root as CA bundle. */
    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Integer> endpoint : endpoints.entrySet()) {
            String prefix = "--health-audit.tls.endpoints[" + i++ + "].";
            properties.add(prefix + "name=" + endpoint.getKey());
            properties.add(prefix + "host=" + HOST);
            properties.add(prefix + "port=" + endpoint.getValue());
            properties.add(prefix + "server-name=" + endpoint.getKey() + DOMAIN);
        }
        properties.add("--health-audit.tls.ca-bundle=" + bundle);
        properties.add("--health-audit.tls.resolve[" + API_HOST + "]=" + HOST + ":" + apiServer.port());
        properties.add("--health-audit.tls.connect-timeout=2s");
        properties.add("--health-audit.tls.handshake-timeout=2s");
        return properties;
    }

    @Override
    public void close() {
        servers.forEach(DemoHttpServer::close);
        if (apiServer != null) {
            apiServer.close();
        }
        if (blackhole != null) {
            blackhole.close();
        }
        try {
            Files.deleteIfExists(bundle);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
