package ai.smartcloudops.audit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.config.ConfigValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base k8s/cronjob and the overlay k8s/serve as `kubectl apply -k` applies them (rendered by kubectl,
 * or by kustomize where kubectl is missing — .ci/run installs it — and skipped where neither is), the Dockerfile
 * they run, and the commands docs/operations.md gives operators.
 * The ClusterRole's verbs are ReadOnlyRoleTest's.
 */
class ManifestsTest {

    private static final Path BASE = Path.of("k8s/cronjob");
    private static final Path SERVE = Path.of("k8s/serve");
    private static final String NAMESPACE = "smartcloudops-monitoring";
    private static final String IMAGE = "ghcr.io/smartcloudops/health-audit:1.0.0";
    private static final String CONFIG = "/etc/health-audit/health-audit.yml";
    private static final List<String> CRONJOBS = List.of("health-audit-hourly", "health-audit-nightly",
            "health-audit-weekly-report", "health-audit-escalate", "health-audit-pre-maintenance",
            "health-audit-fleet-nightly");

    /** Env name → "secret/key" (optional marked "?"), the contract's Secret references of every pod. */
    private static final Map<String, String> SECRET_ENV = Map.ofEntries(
            Map.entry("SPRING_DATASOURCE_URL", "health-audit-store/url"),
            Map.entry("SPRING_DATASOURCE_USERNAME", "health-audit-store/username"),
            Map.entry("SPRING_DATASOURCE_PASSWORD", "health-audit-store/password"),
            Map.entry("SPRING_MAIL_HOST", "health-audit-smtp/host?"),
            Map.entry("SPRING_MAIL_PORT", "health-audit-smtp/port?"),
            Map.entry("SPRING_MAIL_USERNAME", "health-audit-smtp/username?"),
            Map.entry("SPRING_MAIL_PASSWORD", "health-audit-smtp/password?"),
            Map.entry("HEALTH_AUDIT_NOTIFY_SLACK_WEBHOOK_URL", "health-audit-notify/slack-webhook-url?"),
            Map.entry("HEALTH_AUDIT_NOTIFY_PAGERDUTY_ROUTING_KEY", "health-audit-notify/pagerduty-routing-key?"),
            Map.entry("HEALTH_AUDIT_NOTIFY_PAGERDUTY_API_TOKEN", "health-audit-notify/pagerduty-api-token?"),
            Map.entry("HEALTH_AUDIT_NOTIFY_WEBHOOK_URL", "health-audit-notify/webhook-url?"));

    private static final Map<Path, List<HasMetadata>> RENDERED = new HashMap<>();

    @Test
    void everyObjectIsRenderedIntoTheNamespaceAndNoSecretIsShipped() throws IOException {
        List<Tuple> base = List.of(
                tuple("ServiceAccount", "health-audit"),
                tuple("ClusterRole", "health-audit-read"),
                tuple("ClusterRoleBinding", "health-audit-read"),
                tuple("Role", "health-audit-tls-secrets"),
                tuple("RoleBinding", "health-audit-tls-secrets"),
                tuple("ConfigMap", "health-audit-config"),
                tuple("CronJob", "health-audit-hourly"),
                tuple("CronJob", "health-audit-nightly"),
                tuple("CronJob", "health-audit-weekly-report"),
                tuple("CronJob", "health-audit-escalate"),
                tuple("CronJob", "health-audit-pre-maintenance"),
                tuple("CronJob", "health-audit-fleet-nightly"));
        List<Tuple> serve = Stream.concat(base.stream(), Stream.of(
                tuple("Service", "health-audit-serve"),
                tuple("Deployment", "health-audit-serve"),
                tuple("PodDisruptionBudget", "health-audit-serve"),
                tuple("NetworkPolicy", "health-audit-serve"))).toList();

        assertThat(render(BASE)).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(base);
        assertThat(render(SERVE)).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(serve);
        assertThat(Stream.concat(render(BASE).stream(), render(SERVE).stream()))
                .filteredOn(o -> !o.getKind().startsWith("Cluster") && !o.getKind().startsWith("Role"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(NAMESPACE));
        assertThat(one(BASE, ClusterRoleBinding.class, "health-audit-read").getSubjects())
                .extracting("kind", "name", "namespace")
                .containsExactly(tuple("ServiceAccount", "health-audit", NAMESPACE));
        assertThat(one(BASE, ServiceAccount.class, "health-audit").getMetadata().getAnnotations())
                .containsExactly(Map.entry("eks.amazonaws.com/role-arn",
                        "arn:aws:iam::123456789012:role/health-audit-read"));
        assertThat(one(BASE, ConfigMap.class, "health-audit-config").getData())
                .containsExactly(Map.entry("health-audit.yml",
                        Files.readString(BASE.resolve("health-audit.yml"), StandardCharsets.UTF_8)));
    }

    @Test
    void everyPodIsHardenedReadsTheSecretsAndWritesOnlyToEmptyDirs() {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (String name : CRONJOBS) {
            pods.put(name, job(one(BASE, CronJob.class, name)).getTemplate().getSpec());
        }
        pods.put("health-audit-serve",
                one(SERVE, Deployment.class, "health-audit-serve").getSpec().getTemplate().getSpec());

        pods.forEach((name, pod) -> {
            assertThat(pod.getServiceAccountName()).as(name).isEqualTo("health-audit");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getRunAsGroup()).as(name).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getFsGroup()).as(name).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getVolumes()).as(name)
                    .extracting("name", "emptyDir.sizeLimit", "configMap.name")
                    .containsExactly(tuple("work", new Quantity("1Gi"), null), tuple("tmp", new Quantity("256Mi"), null),
                            tuple("config", null, "health-audit-config"));

            Container container = pod.getContainers().get(0);
            assertThat(pod.getContainers()).as(name).hasSize(1);
            assertThat(container.getName()).as(name).isEqualTo("health-audit");
            assertThat(container.getImage()).as(name).isEqualTo(IMAGE);
            // No command: the image's ENTRYPOINT (java -jar /app/health-audit.jar) runs the arguments.
            assertThat(container.getCommand()).as(name).isEmpty();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getVolumeMounts()).as(name).extracting("name", "mountPath", "readOnly")
                    .containsExactly(tuple("work", "/work", null), tuple("tmp", "/tmp", null),
                            tuple("config", "/etc/health-audit", true));
            assertThat(container.getResources().getRequests()).as(name)
                    .containsExactly(Map.entry("cpu", new Quantity("500m")), Map.entry("memory", new Quantity("1536Mi")));
            assertThat(container.getResources().getLimits()).as(name)
                    .containsExactly(Map.entry("cpu", new Quantity("2")), Map.entry("memory", new Quantity("1536Mi")));

            Map<String, EnvVar> env = container.getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, e -> e));
            assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).as(name)
                    .isEqualTo("-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp");
            assertThat(env.get("HEALTH_AUDIT_HOME").getValue()).as(name).isEqualTo("/work/home");
            Map<String, String> secretRefs = container.getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .collect(Collectors.toMap(EnvVar::getName, e -> reference(e.getValueFrom().getSecretKeyRef())));
            Map<String, String> expected = new LinkedHashMap<>(SECRET_ENV);
            if (name.equals("health-audit-serve")) {
                expected.put("HEALTH_AUDIT_SERVE_API_TOKEN", "health-audit-api/token?");
            }
            assertThat(secretRefs).as(name).isEqualTo(expected);
        });
    }

    @Test
    void theCronJobsRunOneAtATimeOnTheirSchedulesAndLeaveRetriesToSpringBatch() {
        // name → schedule, suspended, startingDeadlineSeconds, activeDeadlineSeconds, backoffLimit, args
        assertThat(CRONJOBS.stream().map(name -> one(BASE, CronJob.class, name)))
                .extracting(c -> c.getMetadata().getName(), c -> c.getSpec().getSchedule(),
                        c -> c.getSpec().getSuspend(), c -> c.getSpec().getStartingDeadlineSeconds(),
                        c -> job(c).getActiveDeadlineSeconds(), c -> job(c).getBackoffLimit(),
                        c -> job(c).getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly(
                        tuple("health-audit-hourly", "5 * * * *", null, 600L, 1800L, 1, runArgs("hourly")),
                        tuple("health-audit-nightly", "30 2 * * *", null, 3600L, 10800L, 1, runArgs("nightly")),
                        tuple("health-audit-weekly-report", "0 7 * * 1", null, 3600L, 1800L, 1,
                                runArgs("weekly-report")),
                        tuple("health-audit-escalate", "*/5 * * * *", null, 240L, 240L, 0, runArgs("escalate")),
                        tuple("health-audit-pre-maintenance", "0 0 1 1 *", true, 3600L, 3600L, 0,
                                List.of("run", "pre-maintenance", "--window", "$(WINDOW)", "--config", CONFIG,
                                        "--out", "/work/reports")),
                        tuple("health-audit-fleet-nightly", "30 2 * * *", true, 3600L, 10800L, null,
                                runArgs("nightly")));

        for (String name : CRONJOBS) {
            CronJob cronJob = one(BASE, CronJob.class, name);
            assertThat(cronJob.getSpec().getConcurrencyPolicy()).as(name).isEqualTo("Forbid");
            assertThat(cronJob.getSpec().getTimeZone()).as(name).isEqualTo("UTC");
            assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).as(name).isEqualTo(3);
            assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).as(name).isEqualTo(5);
            assertThat(job(cronJob).getTemplate().getSpec().getRestartPolicy()).as(name).isEqualTo("Never");
            // a retried pod joins its Job's run (the run key is the Job's UID) and restarts the failed step
            assertThat(job(cronJob).getTemplate().getSpec().getContainers().get(0).getEnv()).as(name)
                    .filteredOn(e -> e.getName().equals("HEALTH_AUDIT_RUN_KEY")).singleElement()
                    .extracting(e -> e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.labels['batch.kubernetes.io/controller-uid']");
            // Exit 2 (usage) and 3 (findings at --fail-on, NO-GO) would fail the same way again.
            assertThat(job(cronJob).getPodFailurePolicy().getRules()).as(name)
                    .extracting("action", "onExitCodes.containerName", "onExitCodes.operator", "onExitCodes.values")
                    .containsExactly(tuple("FailJob", "health-audit", "In", List.of(2, 3)));
        }
        assertThat(env(one(BASE, CronJob.class, "health-audit-pre-maintenance")))
                .containsEntry("WINDOW", "set-with-kubectl-set-env");
    }

    @Test
    void withServeEveryCronJobIsSuspendedAndOtherwiseTheSame() {
        for (String name : CRONJOBS) {
            CronJob expected = new CronJobBuilder(one(BASE, CronJob.class, name))
                    .editSpec().withSuspend(true).endSpec().build();
            assertThat(one(SERVE, CronJob.class, name)).as(name).isEqualTo(expected);
        }
    }

    @Test
    void theFleetIsAnIndexedJobWhoseShardsShareTheRunKeyOfTheirJob() {
        CronJob fleet = one(BASE, CronJob.class, "health-audit-fleet-nightly");
        JobSpec job = job(fleet);

        assertThat(job.getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getCompletions()).isEqualTo(4);
        assertThat(job.getParallelism()).isEqualTo(4);
        assertThat(job.getBackoffLimitPerIndex()).isEqualTo(1);
        assertThat(env(fleet)).containsEntry("JOB_COMPLETIONS", String.valueOf(job.getCompletions()));
    }

    @Test
    void serveRunsTwoProbedReplicasBehindAServiceAndABudget() {
        Deployment serve = one(SERVE, Deployment.class, "health-audit-serve");
        Container container = serve.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "health-audit",
                "app.kubernetes.io/component", "serve");

        assertThat(serve.getSpec().getReplicas()).isEqualTo(2);
        assertThat(container.getArgs()).containsExactly("serve", "--config", CONFIG);
        assertThat(container.getPorts()).extracting("name", "containerPort").containsExactly(tuple("http", 8080));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(serve.getSpec().getTemplate().getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(
                Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080",
                        "prometheus.io/path", "/actuator/prometheus"));
        assertThat(serve.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
        assertThat(serve.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);

        Service service = one(SERVE, Service.class, "health-audit-serve");
        assertThat(service.getSpec().getSelector()).isEqualTo(labels);
        assertThat(service.getSpec().getPorts()).extracting("name", "port", "targetPort.strVal")
                .containsExactly(tuple("http", 8080, "http"));
        PodDisruptionBudget budget = one(SERVE, PodDisruptionBudget.class, "health-audit-serve");
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
    }

    @Test
    void theImageRunsTheJarTheManifestsExpectAsANonRootUserOnAJre() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> froms = lines.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertThat(froms).containsExactly("FROM maven:3.9-eclipse-temurin-17 AS build",
                "FROM eclipse-temurin:17-jre AS train", "FROM eclipse-temurin:17-jre");
        // the class-data-sharing archive is made on the run stage's own JRE, or the JVM would not map it
        assertThat(froms.get(1)).startsWith(froms.get(2));
        List<String> runStage = lines.subList(lines.indexOf(froms.get(2)), lines.size());
        assertThat(runStage).contains("COPY --from=train /app /app",
                "ENV HEALTH_AUDIT_HOME=/work/home", "WORKDIR /work", "USER 10001:10001", "EXPOSE 8080");
        String entrypoint = String.join(" ", runStage.subList(runStage.indexOf(runStage.stream()
                .filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow()), runStage.size()));
        assertThat(entrypoint.replace("\\", "").replaceAll("\\s+", " ")).isEqualTo("ENTRYPOINT [\"java\", "
                + "\"-XX:TieredStopAtLevel=1\", \"-XX:+UseSerialGC\", \"-XX:SharedArchiveFile=/app/health-audit.jsa\", "
                + "\"-jar\", \"/app/health-audit.jar\"]");
        // the archive is made with the options it is used with
        String training = String.join(" ", lines.subList(lines.indexOf(froms.get(1)), lines.indexOf(froms.get(2))));
        assertThat(training.replace("\\", "").replaceAll("\\s+", " "))
                .contains("java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                        + "-XX:ArchiveClassesAtExit=/app/health-audit.jsa -jar /app/health-audit.jar run nightly");
        assertThat(runStage.stream().filter(line -> line.startsWith("USER "))).containsExactly("USER 10001:10001");
        // the benchmarks start the image's layout with the same options (core/src/test/bench/lib.sh)
        assertThat(Files.readAllLines(Path.of("core", "src", "test", "bench", "lib.sh")))
                .contains("IMAGE_JVM_OPTIONS=\"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\"");
        // and so does the workstation's launcher
        assertThat(Files.readAllLines(Path.of("cli", "src", "main", "sh", "health-audit")))
                .contains("options=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off)");
    }

    @Test
    void secretsAreReadOnlyThroughARoleInEachApplicationNamespaceOfTheConfigurationAndNothingWatches() {
        ClusterRole clusterRole = one(BASE, ClusterRole.class, "health-audit-read");
        assertThat(clusterRole.getRules()).allSatisfy(rule -> {
            assertThat(rule.getResources()).doesNotContain("secrets");
            assertThat(rule.getVerbs()).isSubsetOf("get", "list", "create");
        });

        Map<String, Object> config = Serialization.unmarshal(
                one(BASE, ConfigMap.class, "health-audit-config").getData().get("health-audit.yml"), Map.class);
        assertThat(value(config, "health-audit.tls.kubernetes.secrets")).as("TLS Secrets audited").isNotEqualTo(false);
        Object app = value(config, "health-audit.kubernetes.namespaces.app");
        List<?> appNamespaces = app == null ? new KubernetesProperties.Namespaces(null, null, null).app()
                : (List<?>) app;
        for (Path kustomization : List.of(BASE, SERVE)) {
            assertThat(render(kustomization)).filteredOn(o -> o.getKind().equals("Role"))
                    .extracting(o -> o.getMetadata().getNamespace()).containsExactlyInAnyOrderElementsOf(
                            appNamespaces.stream().map(String::valueOf).toList());
            assertThat(render(kustomization)).filteredOn(Role.class::isInstance).map(Role.class::cast)
                    .allSatisfy(role -> assertThat(role.getRules()).singleElement().satisfies(rule -> {
                        assertThat(rule.getApiGroups()).containsExactly("");
                        assertThat(rule.getResources()).containsExactly("secrets");
                        assertThat(rule.getVerbs()).containsExactly("get", "list");
                    }));
            assertThat(render(kustomization)).filteredOn(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                    .allSatisfy(binding -> {
                        assertThat(binding.getRoleRef().getName()).isEqualTo("health-audit-tls-secrets");
                        assertThat(binding.getSubjects()).extracting("kind", "name", "namespace")
                                .containsExactly(tuple("ServiceAccount", "health-audit", NAMESPACE));
                    })
                    .extracting(o -> o.getMetadata().getNamespace())
                    .containsExactlyInAnyOrderElementsOf(appNamespaces.stream().map(String::valueOf).toList());
        }
    }

    @Test
    void serveAdmitsOnlyItsApiClientsAndPrometheusOnItsPort() {
        NetworkPolicy policy = one(SERVE, NetworkPolicy.class, "health-audit-serve");
        Deployment serve = one(SERVE, Deployment.class, "health-audit-serve");

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(serve.getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).extracting("protocol", "port.intVal").containsExactly(tuple("TCP", 8080));
            assertThat(rule.getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels(),
                    p -> p.getPodSelector().getMatchLabels(), p -> p.getIpBlock()).containsExactly(
                    tuple(Map.of("health-audit.smartcloudops.ai/api-client", "true"),
                            Map.of("health-audit.smartcloudops.ai/api-client", "true"), null),
                    tuple(Map.of("kubernetes.io/metadata.name", NAMESPACE),
                            Map.of("app.kubernetes.io/name", "prometheus"), null));
        });
    }

    @Test
    void theConfigurationInTheConfigMapIsValid() throws IOException {
        assertThat(new ConfigValidator().validate(BASE.resolve("health-audit.yml"))).isEmpty();
    }

    @Test
    void theOperationsGuideNamesOnlyObjectsAndSecretKeysTheManifestsHave() throws IOException {
        String guide = Files.readString(Path.of("docs/operations.md"), StandardCharsets.UTF_8);
        Set<String> cronJobs = render(BASE).stream().filter(o -> o.getKind().equals("CronJob"))
                .map(o -> o.getMetadata().getName()).collect(Collectors.toSet());

        assertThat(guide).contains("kubectl apply -k k8s/cronjob", "kubectl apply -k k8s/serve");
        assertThat(matches(guide, "(?<=[ =])cronjob/([a-z0-9-]+)")).isNotEmpty().isSubsetOf(cronJobs);
        // kubectl create secret generic NAME --from-literal=KEY=… for every Secret the pods read, with its keys
        Map<String, Set<String>> secrets = SECRET_ENV.values().stream()
                .collect(Collectors.groupingBy(ref -> ref.substring(0, ref.indexOf('/')),
                        Collectors.mapping(ref -> ref.substring(ref.indexOf('/') + 1).replace("?", ""),
                                Collectors.toSet())));
        secrets.put("health-audit-api", Set.of("token"));
        Matcher create = Pattern.compile("kubectl -n " + NAMESPACE
                + " create secret generic ([a-z-]+)((?:\\s*\\\\?\\s*--from-literal=[a-z-]+=\\S+)+)").matcher(guide);
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        while (create.find()) {
            documented.put(create.group(1), matches(create.group(2), "--from-literal=([a-z-]+)="));
        }
        assertThat(documented).isEqualTo(secrets);
    }

    /** The value at a dotted path of a parsed YAML document, or null. */
    private static Object value(Map<String, Object> document, String path) {
        Object node = document;
        for (String key : path.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }

    private static List<String> runArgs(String job) {
        return List.of("run", job, "--config", CONFIG, "--out", "/work/reports");
    }

    private static Set<String> matches(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().map(m -> m.group(1)).collect(Collectors.toSet());
    }

    private static JobSpec job(CronJob cronJob) {
        return cronJob.getSpec().getJobTemplate().getSpec();
    }

    private static Map<String, String> env(CronJob cronJob) {
        return job(cronJob).getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static String reference(SecretKeySelector ref) {
        return ref.getName() + "/" + ref.getKey() + (Boolean.TRUE.equals(ref.getOptional()) ? "?" : "");
    }


    private static <T extends HasMetadata> T one(Path kustomization, Class<T> type, String name) {
        List<T> found = render(kustomization).stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    /** `kubectl kustomize DIR` (or `kustomize build DIR`): what `kubectl apply -k DIR` sends to the cluster. */
    private static synchronized List<HasMetadata> render(Path kustomization) {
        List<HasMetadata> rendered = RENDERED.get(kustomization);
        if (rendered == null) {
            List<String> command = onPath("kubectl") ? List.of("kubectl", "kustomize", kustomization.toString())
                    : onPath("kustomize") ? List.of("kustomize", "build", kustomization.toString()) : null;
            assumeTrue(command != null, "neither kubectl nor kustomize is on PATH: " + kustomization
                    + " is not rendered");
            try {
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
                assertThat(process.exitValue()).as(command + " exit code").isZero();
                rendered = Serialization.unmarshal(yaml);
                RENDERED.put(kustomization, rendered);
            } catch (IOException e) {
                throw new IllegalStateException(command + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rendering " + kustomization, e);
            }
        }
        return rendered;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
