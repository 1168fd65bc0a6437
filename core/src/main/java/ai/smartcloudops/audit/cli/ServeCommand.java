package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.schedule.ServeProperties;
import ai.smartcloudops.audit.schedule.ServeSchedules;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the audit jobs on their schedules (Quartz, clustered over the store) "
        + "and serve the HTTP API and the actuator until SIGTERM.",
        footerHeading = "%nExample:%n", footer = "  health-audit serve --store jdbc:postgresql://audit-db:5432/health_audit")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        CountDownLatch closed = new CountDownLatch(1);
        ConfigurableApplicationContext context = AuditLauncher.start(args.get(), "serve");
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ServeProperties serve = context.getBean(ServeProperties.class);
        String schedules = context.getBean(ServeSchedules.class).nextFireTimes().entrySet().stream()
                .map(e -> e.getKey() + " '" + serve.schedules().get(e.getKey()) + "' next " + (e.getValue() == null
                        ? "never" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.getValue().toInstant()
                        .atZone(serve.zone()))))
                .collect(Collectors.joining(", "));
        spec.commandLine().getOut().println("serving on port " + context.getEnvironment().getProperty(
                "local.server.port") + "; schedules (" + serve.timeZone() + "): "
                + (schedules.isEmpty() ? "none" : schedules) + "; API "
                + (serve.apiToken() == null ? "off (set HEALTH_AUDIT_SERVE_API_TOKEN)" : "on"));
        // the context's shutdown hook closes it on SIGTERM or SIGINT
        closed.await();
        return ExitCodes.OK;
    }
}
