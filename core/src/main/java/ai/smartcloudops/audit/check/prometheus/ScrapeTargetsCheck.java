package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import ai.smartcloudops.audit.text.Urls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The guide's "Prometheus targets showing as down", per scrape job (the scrape config's job_name): PROM-101 for
 * down targets with their lastError — P2 for some, P1 for more than job-down-percent of the job, P0 when every
 * target of a configured critical job is down — and PROM-102 for targets whose scrapes take most of their timeout.
 */
@Component
public class ScrapeTargetsCheck extends PrometheusCheck {

    static final String ID = "prometheus.targets";
    private static final int SHOWN = 5;

    public ScrapeTargetsCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        List<PrometheusApi.ScrapeTarget> targets = snapshot.targets().get(context);
        Map<String, List<PrometheusApi.ScrapeTarget>> jobs = new TreeMap<>();
        targets.forEach(t -> jobs.computeIfAbsent(t.scrapePool(), j -> new ArrayList<>()).add(t));
        PrometheusProperties.Thresholds thresholds = prometheusTargets.properties().thresholds();
        List<String> critical = prometheusTargets.server(context).criticalJobs();
        List<Problem> findings = new ArrayList<>();
        jobs.forEach((job, members) -> {
            Resource resource = new Resource("ScrapeJob", null, job);
            List<PrometheusApi.ScrapeTarget> down = members.stream().filter(t -> "down".equals(t.health())).toList();
            if (!down.isEmpty()) {
                long percent = Math.round(down.size() * 100.0 / members.size());
                boolean isCritical = critical.contains(job);
                String grade = down.size() == members.size() && isCritical ? PrometheusCode.CRITICAL_JOB_DOWN
                        : down.size() * 100.0 / members.size() > thresholds.jobDownPercent()
                        ? PrometheusCode.JOB_MOSTLY_DOWN : Grade.DEFAULT;
                Map<String, Object> facts = facts(context);
                facts.put("down", down.size());
                facts.put("total", members.size());
                facts.put("percent", percent + "%");
                facts.put("critical", isCritical ? "a critical job" : "not a critical job");
                facts.put("errors", some(down.stream().map(t -> t.instance() + ": "
                        + (t.lastError().isEmpty() ? "no error reported" : t.lastError())).toList(), SHOWN));
                findings.add(Problem.graded(PrometheusCode.PROM_101, grade, resource, facts)
                        .withValues(scraping(down.get(0))));
            }
            List<PrometheusApi.ScrapeTarget> slow = members.stream().filter(t -> "up".equals(t.health())
                    && !t.scrapeTimeout().isZero()
                    && t.lastScrapeDuration() * 1000 * 100 >= thresholds.slowScrapePercent()
                    * (double) t.scrapeTimeout().toMillis()).toList();
            if (!slow.isEmpty()) {
                PrometheusApi.ScrapeTarget slowest = slow.stream().max(Comparator.comparingDouble(
                        t -> t.lastScrapeDuration() / t.scrapeTimeout().toMillis())).orElseThrow();
                Map<String, Object> facts = facts(context);
                facts.put("slow", slow.size());
                facts.put("threshold", thresholds.slowScrapePercent() + "%");
                facts.put("slowest", slowest.instance());
                facts.put("duration", Humanize.seconds(slowest.lastScrapeDuration()));
                facts.put("timeout", Humanize.duration(slowest.scrapeTimeout()));
                findings.add(Problem.of(PrometheusCode.PROM_102, resource, facts).withValues(scraping(slowest)));
            }
        });
        return findings;
    }

    /** The remediation scrapes {@code target} itself; its URL is shown as every URL is, masked. */
    private static Map<String, Object> scraping(PrometheusApi.ScrapeTarget target) {
        return Map.of("scrapeUrl", Urls.mask(target.scrapeUrl()));
    }
}
