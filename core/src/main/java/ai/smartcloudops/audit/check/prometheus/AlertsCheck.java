package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * PROM-103: alerts firing longer than alert-firing-for, one finding per alert name, at the severity its
 * {@code severity} label maps to on the guide's scale: critical (or page) → P0, high or error → P1, warning → P2,
 * info or none → P3; P0..P3 as labels are taken as they are; no label or another value → the code's P2. Of several
 * series of one alert, the most severe counts.
 */
@Component
public class AlertsCheck extends PrometheusCheck {

    static final String ID = "prometheus.alerts";
    private static final int SUMMARY = 200;

    public AlertsCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    /** The grade of an alert's {@code severity} label: warning, medium and an unknown label are the default. */
    static String gradeOf(String label) {
        if (label == null) {
            return Grade.DEFAULT;
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "page", "p0" -> PrometheusCode.LABELLED_CRITICAL;
            case "high", "error", "major", "p1" -> PrometheusCode.LABELLED_HIGH;
            case "info", "low", "none", "minor", "p3" -> PrometheusCode.LABELLED_INFO;
            default -> Grade.DEFAULT;
        };
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        List<PrometheusApi.Alert> alerts = snapshot.alerts().get(context);
        Duration threshold = prometheusTargets.properties().thresholds().alertFiringFor();
        Instant cutoff = context.now().minus(threshold);
        Map<String, List<PrometheusApi.Alert>> byName = new TreeMap<>();
        alerts.stream().filter(a -> "firing".equals(a.state()) && a.activeAt() != null
                        && !a.activeAt().isAfter(cutoff))
                .forEach(a -> byName.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a));
        List<Problem> findings = new ArrayList<>();
        byName.forEach((name, series) -> {
            PrometheusApi.Alert oldest = series.stream().min(Comparator.comparing(PrometheusApi.Alert::activeAt))
                    .orElseThrow();
            PrometheusApi.Alert worst = series.stream().min(Comparator.comparing(
                    a -> PrometheusCode.PROM_103.severity(gradeOf(a.labels().get("severity"))))).orElseThrow();
            String summary = oldest.annotations().getOrDefault("summary",
                    oldest.annotations().getOrDefault("description", "no summary"));
            Map<String, Object> facts = facts(context);
            facts.put("count", series.size());
            facts.put("severityLabel", worst.labels().getOrDefault("severity", "none"));
            facts.put("since", oldest.activeAt());
            facts.put("firingFor", Humanize.duration(Duration.between(oldest.activeAt(), context.now())));
            facts.put("threshold", Humanize.duration(threshold));
            facts.put("summary", summary.length() <= SUMMARY ? summary : summary.substring(0, SUMMARY - 1) + "…");
            // the events of the namespace every series of the alert names, else of all
            Set<String> namespaces = series.stream().map(a -> a.labels().get("namespace")).collect(Collectors.toSet());
            Template.Words scope = namespaces.size() == 1 && !namespaces.contains(null)
                    ? Template.Words.of("-n", namespaces.iterator().next()) : Template.Words.of("--all-namespaces");
            findings.add(Problem.graded(PrometheusCode.PROM_103, gradeOf(worst.labels().get("severity")), new Resource("Alert", null, name), facts).withValues(Map.of("scope", scope)));
        });
        return findings;
    }
}
