package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Target;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The configured accounts' regions as targets ({@code <account>/<region>}), their SDK clients, and every AWS call:
 * a bounded number in flight per account, retried by the SDK on throttling, and failures turned into what the
 * sweep reports — AccessDenied for one API leaves the checks that need it partial with an AUDIT-904 naming the
 * action, an account the audit cannot reach or authenticate to is one AUDIT-903.
 */
@Component
@EnableConfigurationProperties(AwsProperties.class)
public class AwsTargets {

    static final String KIND = "aws";
    /** More pages than any account holds: a service that keeps answering new tokens ends the read here. */
    static final int MAX_PAGES = 10_000;
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedException", "AuthorizationError");

    private final AwsProperties properties;
    /** Made by the first client: a run that audits no AWS account never loads the HTTP client or its TLS. */
    private SdkHttpClient http;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    public AwsTargets(AwsProperties properties) {
        this.properties = properties;
    }

    public AwsProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.accounts().stream()
                .flatMap(a -> a.regions().stream().map(r -> new Target(a.name() + "/" + r, KIND))).toList();
    }

    public AwsProperties.Account account(CheckContext context) {
        String name = context.target().name().substring(0, context.target().name().lastIndexOf('/'));
        return properties.accounts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no AWS account named " + name));
    }

    public Region region(CheckContext context) {
        return Region.of(context.target().name().substring(context.target().name().lastIndexOf('/') + 1));
    }

    /**
     * The client of {@code service} (its endpoint id, e.g. {@code ec2}) for the context's account and region,
     * built once from {@code builder} and kept for the life of the application.
     */
    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(CheckContext context,
                                                                                       String service,
                                                                                       Supplier<B> builder) {
        AwsProperties.Account account = account(context);
        Region region = region(context);
        return (C) clients.computeIfAbsent(context.target().name() + "/" + service, key -> {
            B b = builder.get().region(region).httpClient(http()).credentialsProvider(credentials(account, region))
                    .overrideConfiguration(overrides());
            endpoint(service).ifPresent(b::endpointOverride);
            return b.build();
        });
    }

    /**
     * Calls {@code action} (IAM's name of it, e.g. {@code ec2:DescribeInstanceStatus}) with the account's share of
     * concurrency; pagination belongs inside {@code call}, so every page is one bounded call.
     */
    public <T> T call(CheckContext context, String action, Supplier<T> call) {
        Semaphore permits = inFlight.computeIfAbsent(account(context).name(),
                name -> new Semaphore(properties.concurrency()));
        permits.acquireUninterruptibly();
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && DENIED.contains(code)) {
                throw new NotPermittedException(new Gap("what " + action + " answers in " + context.target().name()
                        + " (" + code + ": " + e.awsErrorDetails().errorMessage() + ")", action,
                        "allow " + action + " in the IAM policy of the audit's role (the read-only policy is in "
                                + "docs/configuration.md); check with aws iam simulate-principal-policy "
                                + "--policy-source-arn <role ARN> --action-names " + action));
            }
            if (e.statusCode() == 401 || e.statusCode() == 403) {
                throw CheckSkippedException.unreachable(context.target().name(), action + ": " + code, null);
            }
            throw e;
        } catch (SdkClientException e) {
            if (causedBy(e, IOException.class)) {
                throw CheckSkippedException.unreachable(context.target().name(), action + ": " + e.getMessage(), null);
            }
            // an answer the SDK cannot read is a defect on one side, not an account out of reach
            throw new IllegalStateException(action + ": " + e.getMessage(), e);
        } finally {
            permits.release();
        }
    }

    /**
     * Every page of {@code action} in one {@link #call}: {@code page} asks for the page of a token (null for the
     * first), {@code next} reads the token of the page after it from the answer. Not the SDK's paginators: they ask
     * for as long as the service answers a token, so one that answers the same token again never ends the read; and
     * each rewrites its request through the service's base request type, which reaches every operation's model and
     * so keeps them all in the image's shrunk libraries (docs/benchmarks.md, "Artefacts").
     */
    public <R, T> List<T> pages(CheckContext context, String action, Function<String, R> page,
                                Function<R, String> next, Function<R, ? extends Collection<? extends T>> items) {
        return pages(context, action, page, next, items, MAX_PAGES);
    }

    <R, T> List<T> pages(CheckContext context, String action, Function<String, R> page, Function<R, String> next,
                         Function<R, ? extends Collection<? extends T>> items, int maxPages) {
        return call(context, action, () -> {
            List<T> all = new ArrayList<>();
            Set<String> tokens = new HashSet<>();
            String token = null;
            do {
                if (tokens.size() == maxPages) {
                    throw new IllegalStateException(action + " answered more than " + maxPages
                            + " pages: the read stops there");
                }
                R answer = page.apply(token);
                all.addAll(items.apply(answer));
                token = next.apply(answer);
                if (token != null && !token.isEmpty() && !tokens.add(token)) {
                    throw new IllegalStateException(action + " answered a page token it had answered before: "
                            + "the read stops rather than ask for the same pages again");
                }
            } while (token != null && !token.isEmpty());
            return all;
        });
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private AwsCredentialsProvider credentials(AwsProperties.Account account, Region region) {
        return credentials.computeIfAbsent(account.name(), name -> {
            if (account.roleArn() == null) {
                return DefaultCredentialsProvider.builder().build();
            }
            var sts = StsClient.builder().region(region).httpClient(http()).overrideConfiguration(overrides())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build());
            endpoint("sts").ifPresent(sts::endpointOverride);
            return StsAssumeRoleCredentialsProvider.builder().stsClient(sts.build()).refreshRequest(r -> {
                r.roleArn(account.roleArn()).roleSessionName("health-audit");
                if (account.externalId() != null) {
                    r.externalId(account.externalId());
                }
            }).build();
        });
    }

    private ClientOverrideConfiguration overrides() {
        RetryStrategy.Builder<?, ?> retry = AwsRetryStrategy.forRetryMode(properties.retryMode().equals("standard")
                ? RetryMode.STANDARD : RetryMode.ADAPTIVE_V2).toBuilder().maxAttempts(properties.maxAttempts());
        if (properties.retryDelay() != null) {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(properties.retryDelay(),
                    properties.retryDelay().multipliedBy(20));
            retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff);
        }
        return ClientOverrideConfiguration.builder().retryStrategy(retry.build())
                .apiCallTimeout(properties.apiTimeout()).build();
    }

    private Optional<URI> endpoint(String service) {
        return Optional.ofNullable(properties.endpoints().get(service)).map(URI::create);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(c -> closeQuietly((AutoCloseable) c));
        credentials.values().forEach(c -> {
            if (c instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        });
        synchronized (this) {
            if (http != null) {
                http.close();
            }
        }
    }

    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = Apache5HttpClient.builder().build();
        }
        return http;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // shutting down
        }
    }
}
