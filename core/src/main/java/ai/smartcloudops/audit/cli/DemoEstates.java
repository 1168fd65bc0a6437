package ai.smartcloudops.audit.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The demo estate, found with {@link java.util.ServiceLoader}: the workstation distribution (module cli) has one, the
 * container image's build (module core alone) has none, and its {@code demo} says so in one line.
 */
public interface DemoEstates {

    /** Starts the estate, keeping its servers' state and its store under {@code home}. */
    Running start(Clock clock, Path home);

    /** A started estate. */
    interface Running extends AutoCloseable {

        /** One line for the terminal: what the estate holds and which faults it has. */
        String describe();

        /** Spring arguments that point the audit at the estate and at its own store. */
        List<String> properties();

        /** Stops every server of the estate. */
        @Override
        void close();
    }
}
