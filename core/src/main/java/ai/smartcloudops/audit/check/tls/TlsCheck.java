package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.time.Instant;
import java.util.List;

/**
 * A TLS check inspects the run's {@link TlsSnapshot}, collected once whichever TLS check asks first, for the
 * problems of its concern; it reads nothing itself.
 */
abstract class TlsCheck extends AreaCheck {

    protected final TlsCertificates certificates;

    protected TlsCheck(String id, TlsCertificates certificates) {
        super(id, TlsCode.class, certificates::targets);
        this.certificates = certificates;
    }

    /** What the check finds among the run's certificates and places at {@code now}. */
    abstract List<Problem> inspect(TlsSnapshot snapshot, Instant now);

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(certificates.snapshot(context), context.now());
    }
}
