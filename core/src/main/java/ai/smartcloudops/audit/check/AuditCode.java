package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;

/** Findings about the audit itself: what could not be checked, and why. Raised by the sweep, not a check. */
public enum AuditCode implements FindingCode {

    AUDIT_901("AUDIT-901", Severity.P2, "Check {check} failed on {target}",
            "The check stopped with an error, so this target was not audited for it: {error}",
            "# re-run only this area to reproduce; if the error is a defect in the check, file it with the run id\n"
                    + "health-audit run nightly --only {area} --target {target}"),
    AUDIT_902("AUDIT-902", Severity.P2, "Check {check} timed out on {target}",
            "The check did not finish within {timeout} and was cancelled; this target was not audited for it.",
            "# check the target's responsiveness, or raise health-audit.sweep.timeouts.{check} if the target is "
                    + "large and healthy"),
    AUDIT_903("AUDIT-903", Severity.P1, "Target {target} is unreachable",
            "The audit could not reach {target} ({error}); none of its checks ran, so its state is unknown.",
            "# verify the target's address, credentials and trusted CA in the configuration and that it is up:\n"
                    + "health-audit config validate\n"
                    + "kubectl --context {target} get nodes   # for a cluster"),
    AUDIT_904("AUDIT-904", Severity.P3, "The audit cannot see all of {target}: needs {permission}",
            "The audit's identity may not see {hidden}, so {checks} saw only part of {target} (coverage partial). "
                    + "What it could not see is not audited: no finding there means unknown, not healthy.",
            "# {target}: give the audit's identity {permission}, so it sees {hidden}; for example\n"
                    + "# {grant}\n"
                    + "# (the read-only roles and policies are in docs/operations.md), then audit it again:\n"
                    + "health-audit run nightly --only {area} --target {target}"),
    AUDIT_905("AUDIT-905", Severity.P2, "{api} is not served on {target}",
            "The checks that read {api} were skipped ({error}): {purpose} is not audited on this target.",
            "kubectl get apiservice v1beta1.metrics.k8s.io\n"
                    + "kubectl top nodes\n"
                    + "kubectl -n kube-system rollout status deployment/metrics-server"
                    + "   # install metrics-server if absent"),
    AUDIT_906("AUDIT-906", Severity.P2, "Target {target} answered beyond the audit's limits",
            "The audit stopped reading {target} at one of its own limits ({error}); the checks that needed that "
                    + "answer did not run, so their state is unknown. Nothing more than the limit was read.",
            "# what the endpoint serves, and how fast (TARGET_URL: the target's URL in the configuration)\n"
                    + "time curl -sS --max-time 30 \"$TARGET_URL\" | wc -c   # bytes, and how long they took\n"
                    + "# if a healthy answer is this large or this slow, raise health-audit.http.max-body or the "
                    + "target's timeout");

    /** The owner of the AUDIT codes: the sweep that runs every check. */
    public static final String SWEEP = "audit.sweep";

    private final Definition definition;

    AuditCode(String code, Severity severity, String title, String detail, String remediation) {
        this.definition = new Definition(code, severity, Area.AUDIT, Team.PLATFORM, SWEEP,
                "General Troubleshooting Approach", title, detail, remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
