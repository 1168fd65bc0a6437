package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = "Print a completion script for bash or zsh: commands, options, jobs, "
        + "areas, severities, teams, codes, and the targets of the configuration.",
        footerHeading = "%nExample:%n", footer = "  source <(health-audit completion bash)")
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    /** What a completion script may offer: a word that is the same quoted or not, in any shell. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:/@+=,%-]+");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Option(names = "--config", paramLabel = "FILE",
            description = "whose targets --target completes (default config/health-audit.yml when present)")
    Path config;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path file = AuditLauncher.configFile(config);
        if (file != null && !AuditLauncher.validate(file, err)) {
            return ExitCodes.USAGE;
        }
        CommandLine described = HealthAuditCli.commandLine(new PrintWriter(PrintWriter.nullWriter()),
                new PrintWriter(PrintWriter.nullWriter()));
        Words words = words(file);
        offer(described, words);
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            // zsh runs bash completion functions through bashcompinit
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(AutoComplete.bash(described.getCommandName(), described));
        out.flush();
        return ExitCodes.OK;
    }

    /** The words offered for option and parameter values; what is not {@link #SHELL_SAFE} is left out. */
    record Words(List<String> jobs, List<String> areas, List<String> severities, List<String> teams,
                 List<String> codes, List<String> targets) {

        Words {
            jobs = safe(jobs);
            areas = safe(areas);
            severities = safe(severities);
            teams = safe(teams);
            codes = safe(codes);
            targets = safe(targets);
        }

        private static List<String> safe(Collection<String> words) {
            return words.stream().filter(w -> SHELL_SAFE.matcher(w).matches()).distinct().sorted().toList();
        }
    }

    static Words words(Path config) {
        List<String> codes = ChecksCommand.catalogue().all().stream().map(FindingCode::code).toList();
        return new Words(List.copyOf(AuditRequest.JOBS), Arrays.stream(Area.values()).map(Area::id).toList(),
                Arrays.stream(Severity.values()).map(Severity::name).toList(),
                Arrays.stream(Team.values()).map(Team::id).toList(), codes, targets(config));
    }

    /** The names of the configuration's targets, as the checks read them from it; none without a file. */
    private static List<String> targets(Path config) {
        if (config == null) {
            return List.of();
        }
        try (ConfigurableApplicationContext context = ChecksCommand.checksOnly(
                "spring.config.additional-location=file:" + config.toAbsolutePath())) {
            return context.getBeansOfType(Check.class).values().stream().flatMap(c -> c.targets().stream())
                    .map(Target::name).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        }
    }

    /** Sets the words each option and parameter completes with, on every command that has it. */
    static void offer(CommandLine command, Words words) {
        Map<String, List<String>> byOption = Map.of("--only", words.areas(), "--area", words.areas(),
                "--target", words.targets(), "--code", words.codes(), "--team", words.teams(),
                "--severity", words.severities(), "--fail-on", words.severities(), "--job", words.jobs());
        Map<String, List<String>> byParameter = Map.of("JOB", words.jobs(), "CODE", words.codes());
        CommandSpec spec = command.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            Optional.ofNullable(byOption.get(option.longestName())).ifPresent(candidates -> replace(spec, option,
                    OptionSpec.builder(option).completionCandidates(candidates).build()));
        }
        for (PositionalParamSpec parameter : List.copyOf(spec.positionalParameters())) {
            Optional.ofNullable(byParameter.get(parameter.paramLabel())).ifPresent(candidates -> replace(spec,
                    parameter, PositionalParamSpec.builder(parameter).completionCandidates(candidates).build()));
        }
        command.getSubcommands().values().forEach(sub -> offer(sub, words));
    }

    private static void replace(CommandSpec spec, ArgSpec old, ArgSpec replacement) {
        spec.remove(old);
        if (replacement instanceof OptionSpec option) {
            spec.addOption(option);
        } else {
            spec.addPositional((PositionalParamSpec) replacement);
        }
    }
}
