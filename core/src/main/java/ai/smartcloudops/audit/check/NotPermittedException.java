package ai.smartcloudops.audit.check;

import java.util.Objects;

/**
 * Thrown by a check that can see nothing of what it needs for want of a permission (a kind it may not list, an API
 * that answers AccessDenied, a command an ACL refuses). The sweep records the gap as {@link CheckContext#partial}
 * does: coverage "partial" and one AUDIT-904 per target and permission.
 */
public class NotPermittedException extends RuntimeException {

    private final Gap gap;

    public NotPermittedException(Gap gap) {
        super(Objects.requireNonNull(gap, "gap").reason());
        this.gap = gap;
    }

    public Gap gap() {
        return gap;
    }
}
