package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.demo.Demo;
import ai.smartcloudops.audit.demo.DemoAnalyticsDatabase;
import ai.smartcloudops.audit.demo.DemoDatabase;
import ai.smartcloudops.audit.demo.DemoEstate;
import ai.smartcloudops.audit.demo.DemoRedis;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The workstation distribution's demo estate: every server on this machine, with a fault for every code. */
public final class LocalDemoEstates implements DemoEstates {

    @Override
    public Running start(Clock clock, Path home) {
        Demo demo = Demo.start(clock, home);
        return new Running() {
            @Override
            public String describe() {
                return "demo estate: cluster " + DemoEstate.CLUSTER + ", databases " + DemoDatabase.NAME + " and "
                        + DemoAnalyticsDatabase.NAME + ", Redis " + String.join(", ", DemoRedis.INSTANCES)
                        + " with injected faults " + String.join(", ", Demo.FAULTS.keySet());
            }

            @Override
            public List<String> properties() {
                List<String> properties = new ArrayList<>(demo.properties());
                properties.add("--health-audit.store.embedded-dir=" + Demo.storeDir(home));
                return properties;
            }

            @Override
            public void close() {
                demo.close();
            }
        };
    }
}
