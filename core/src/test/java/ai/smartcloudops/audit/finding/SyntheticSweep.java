package ai.smartcloudops.audit.finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A synthetic sweep for the store at scale: every pod of a number of pods, spread over ten clusters, has a finding of
 * each of a number of synthetic codes (codes the catalogue does not hold, as a retired one reads back), with texts
 * of the size the real codes fill in. The same arguments make the same fingerprints, so a second run persists.
 */
record SyntheticSweep(List<Finding> findings, List<Coverage> coverage) {

    static final String CHECK = "synthetic.pods";
    private static final int CLUSTERS = 10;

    static SyntheticSweep of(int resources, int codesPerResource) {
        List<FindingCode> codes = IntStream.range(0, codesPerResource)
                .mapToObj(i -> (FindingCode) new UnknownCode(String.format("SYN-%03d", i), Area.KUBERNETES))
                .toList();
        List<Finding> findings = new ArrayList<>(resources * codesPerResource);
        for (int r = 0; r < resources; r++) {
            String namespace = "team-" + r % 37;
            String pod = "api-" + r + "-7d9f8b-x2kq";
            for (FindingCode code : codes) {
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("restarts", String.valueOf(r % 50));
                evidence.put("reason", "CrashLoopBackOff");
                findings.add(Finding.of(code, cluster(r), new Resource("Pod", namespace, pod))
                        .severity(Severity.values()[(r + code.code().hashCode()) & 3])
                        .title("Pod " + namespace + "/" + pod + " restarted " + r % 50 + " times in the last hour")
                        .detail("Container api exited with code 137 (OOMKilled) at 2026-12-07T02:14:07Z; the last "
                                + "state was terminated and the pod is in CrashLoopBackOff.")
                        .evidence(evidence)
                        .remediation("kubectl -n " + namespace + " describe pod " + pod + "\n"
                                + "kubectl -n " + namespace + " logs " + pod + " --previous --tail=200\n"
                                + "kubectl -n " + namespace + " get events --field-selector involvedObject.name="
                                + pod + " --sort-by=.lastTimestamp\n"
                                + "# raise the memory limit of the container when it is OOMKilled:\n"
                                + "kubectl -n " + namespace + " set resources deployment/api --limits=memory=1Gi")
                        .checkId(CHECK).build());
            }
        }
        List<Coverage> coverage = IntStream.range(0, CLUSTERS)
                .mapToObj(c -> new Coverage(CHECK, cluster(c), CoverageStatus.RAN, 1_000, 0, null)).toList();
        return new SyntheticSweep(findings, coverage);
    }

    private static String cluster(int resource) {
        return "cluster-" + resource % CLUSTERS;
    }
}
