package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.List;

/**
 * A TLS check is one concern's view of the shared evaluation: it raises the problems whose code it owns. The
 * probing and the judging happen once, in {@link TlsCertificates#problems}.
 */
abstract class TlsCheck extends AreaCheck {

    private final TlsCertificates certificates;

    protected TlsCheck(String id, TlsCertificates certificates) {
        super(id, TlsCode.class, certificates::targets);
        this.certificates = certificates;
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        return certificates.problems(context).stream().filter(p -> p.code().owner().equals(id())).toList();
    }
}
