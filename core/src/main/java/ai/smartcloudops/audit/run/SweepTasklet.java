package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.store.DeadlockRetry;
import ai.smartcloudops.audit.store.StoreUnavailableException;
import ai.smartcloudops.audit.waiver.Waivers;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweep step: every (check, target) pair of the job's schedule in this shard's share. The step runs without a
 * transaction, so no connection of the store is held while the network is swept, which may take hours; what the
 * sweep saw is stored at the end in one short transaction of its own, replacing what an earlier attempt of this shard
 * stored. A store that restarted meanwhile may have left the pool a broken connection: the write is tried once more
 * on a fresh one, so the sweep is not lost to it.
 */
@Component
@StepScope
class SweepTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(SweepTasklet.class);

    private final Sweep sweep;
    private final FindingStore findings;
    private final Waivers waivers;
    private final RunStore runs;
    private final TransactionTemplate transaction;
    private final DeadlockRetry retry;
    private final Clock clock;
    private final String job;
    private final long runId;
    private final Set<Area> areas;
    private final String target;
    private final Shard shard;

    SweepTasklet(Sweep sweep, FindingStore findings, Waivers waivers, RunStore runs,
                 PlatformTransactionManager transactions, Clock clock,
                 @Value(AuditRequest.JOB_NAME) String job,
                 @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                 @Value(AuditRequest.AREAS_PARAMETER) String areas,
                 @Value(AuditRequest.TARGET_PARAMETER) String target,
                 @Value(AuditRequest.SHARD_PARAMETER) Long shard,
                 @Value(AuditRequest.SHARDS_PARAMETER) Long shards,
                 @Value(AuditRequest.RUN_KEY_PARAMETER) String runKey) {
        this.sweep = sweep;
        this.findings = findings;
        this.waivers = waivers;
        this.runs = runs;
        this.transaction = new TransactionTemplate(transactions);
        this.retry = new DeadlockRetry(transactions);
        this.clock = clock;
        this.job = job;
        this.runId = runId;
        this.areas = Area.split(areas);
        this.target = target;
        this.shard = AuditRequest.shard(shard, shards, runKey);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        // in a transaction of its own, which returns its connection at once
        Long previous = transaction.execute(status -> runs.previousId(runId, job));
        Sweep.Result result = sweep.run(runId, Schedule.ofJob(job), areas, target, shard,
                fingerprint -> previous == null ? Optional.empty() : findings.evidence(previous, fingerprint),
                new Samples((name, sample) -> findings.previousSample(runId, name, sample),
                        (name, prefix) -> findings.previousSamples(runId, name, prefix)), findings::openSeverity);
        try {
            save(result);
        } catch (RuntimeException e) {
            if (!StoreUnavailableException.lost(e)) {
                throw e;
            }
            save(result);
            // said once it worked: a store that is gone for good is the one line of the failed run
            LOG.info("run {}: the sweep is stored on a second connection, the store had dropped the first ({})",
                    runId, Errors.describe(e));
        }
        contribution.incrementWriteCount(result.findings().size());
        return RepeatStatus.FINISHED;
    }

    private void save(Sweep.Result result) throws Exception {
        retry.run("the sweep of run " + runId, () -> {
            // waived before they are stored, so the diff, the escalation and the report all see the waiver
            findings.saveSweep(runId, shard.index(), waivers.apply(result.findings(), clock.instant()),
                    result.coverage(), result.samples());
            return null;
        });
    }
}
