package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Real HTTPS endpoints on the loopback interface serving certificates made relative to {@link #NOW} (whole
 * seconds, as X.509 stores them), configured as health-audit.tls.endpoints with the test root in a CA bundle, and
 * the five TLS checks run on them as a sweep would.
 */
final class TlsFixtures implements AutoCloseable {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Issued ROOT = DemoCertificates.selfSigned(Spec.authority("SmartCloudOps Test Root", NOW));
    static final Issued INTERMEDIATE = ROOT.issue(Spec.authority("SmartCloudOps Test Issuing CA", NOW));
    static final String DOMAIN = ".smartcloudops.local";

    private final Path bundle;
    private final List<DemoHttpServer> servers = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Integer> indices = new LinkedHashMap<>();
    private int endpoints;

    TlsFixtures(Path dir) {
        bundle = dir.resolve("ca-bundle.pem");
        try {
            Files.writeString(bundle, ROOT.pem(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A leaf for {@code name}.smartcloudops.local issued by the intermediate, valid from and to the given times. */
    static Issued leaf(String name, Instant from, Instant to) {
        return INTERMEDIATE.issue(Spec.server(name + DOMAIN, NOW, Duration.ofDays(1)).valid(from, to));
    }

    /** A leaf valid from 60 days ago for {@code left} more. */
    static Issued leaf(String name, Duration left) {
        return leaf(name, NOW.minus(Duration.ofDays(60)), NOW.plus(left));
    }

    /** Serves {@code issued} with its issuers as endpoint {@code name}, SNI and expected name name.smartcloudops.local. */
    TlsFixtures serve(String name, Issued issued) {
        return serve(name, issued.chain(), issued.key());
    }

    TlsFixtures serve(String name, List<X509Certificate> chain, PrivateKey key) {
        DemoHttpServer server = DemoHttpServer.https(DemoHttpServer.Response.OK, chain, key);
        servers.add(server);
        return endpoint(name, server.port());
    }

    /** Endpoint {@code name} at 127.0.0.1:{@code port}, whatever listens there. */
    TlsFixtures endpoint(String name, int port) {
        int i = endpoints++;
        indices.put(name, i);
        set("endpoints[" + i + "].name", name);
        set("endpoints[" + i + "].host", "127.0.0.1");
        set("endpoints[" + i + "].port", String.valueOf(port));
        set("endpoints[" + i + "].server-name", name + DOMAIN);
        set("endpoints[" + i + "].ca-bundle", bundle.toString());
        return this;
    }

    /** A health-audit.tls.* key below the prefix, e.g. {@code endpoints[0].public}. */
    TlsFixtures set(String key, String value) {
        settings.put("health-audit.tls." + key, value);
        return this;
    }

    /** How titles name endpoint {@code name}: the name it asks for, via the address it connects to. */
    String at(String name) {
        String key = "health-audit.tls.endpoints[" + indices.get(name) + "].";
        return settings.get(key + "server-name") + " via 127.0.0.1:" + settings.get(key + "port");
    }

    Path bundle() {
        return bundle;
    }

    TlsProperties properties() {
        return bind(settings);
    }

    static TlsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("health-audit.tls",
                TlsProperties.class);
    }

    TlsCertificates certificates() {
        TlsProperties properties = properties();
        return new TlsCertificates(List.of(new EndpointSource(properties)), properties);
    }

    /** Every TLS check, in one run at {@link #NOW} sharing one evaluation. */
    List<Finding> runAll() {
        return runAll(NOW, certificates());
    }

    /** Every TLS check on these certificates, in one run at {@code now} sharing one evaluation. */
    static List<Finding> runAll(Instant now, TlsCertificates certificates) {
        RunScope scope = RunScope.first(1L, now);
        List<Finding> findings = new ArrayList<>();
        for (Check check : AllChecks.of(Area.TLS, certificates)) {
            try {
                findings.addAll((new CheckContext(scope, check.id(),
                        new Target(TlsCertificates.TARGET, TlsCertificates.KIND), Set.of(check.id()))).findings(check));
            } catch (Exception e) {
                throw new IllegalStateException(check.id() + " failed", e);
            }
        }
        return findings;
    }

    /** The resource name of a certificate's findings when no other certificate of the run has its name. */
    static String certificate(Issued issued) {
        return Certificates.commonName(issued.certificate());
    }

    @Override
    public void close() {
        servers.forEach(DemoHttpServer::close);
    }
}
