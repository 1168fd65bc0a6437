package ai.smartcloudops.audit.finding;

import java.util.Optional;

/** The codes of the catalogue by their string: how a stored finding gets its code back. */
@FunctionalInterface
public interface FindingCodes {

    /** The code {@code code} (e.g. {@code K8S-101}), if the catalogue holds it. */
    Optional<FindingCode> find(String code);
}
