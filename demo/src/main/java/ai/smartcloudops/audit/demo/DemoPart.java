package ai.smartcloudops.audit.demo;

import java.util.List;

/** One started piece of the demo's estate: what the audit needs to reach it, and how to stop it. */
interface DemoPart extends AutoCloseable {

    /** Spring arguments that point the audit at this part, each {@code --key=value}. */
    List<String> properties();

    @Override
    void close();
}
