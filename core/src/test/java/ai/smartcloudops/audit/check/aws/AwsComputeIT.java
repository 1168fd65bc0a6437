package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job through the command line against the demo's EC2 and EKS stub pages: every EC2 and EKS fault is
 * stored and the run completes (every service's endpoint is the stub server; only EC2 and EKS are stubbed here).
 */
class AwsComputeIT {

    @TempDir
    Path tmp;

    @Test
    void everyEc2AndEksFaultIsStored() throws Exception {
        try (AwsFixtures aws = new AwsFixtures()) {
            DemoAws.stub(aws.server, Instant.now());   // every service answers: the other AWS checks run cleanly
            Path config = Files.writeString(tmp.resolve("aws.yml"), aws.config(""));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "aws", "--config", config.toString(), "--store", store,
                    "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                    + "FROM finding WHERE code LIKE 'AWS-1%' OR code LIKE 'AWS-2%' ORDER BY code, resource_name"))
                    .containsExactly(
                            "AWS-101 P1 Instance/i-0a1b2c3d4e5f60002",
                            "AWS-102 P2 Instance/i-0a1b2c3d4e5f60003",
                            "AWS-102 P1 Instance/i-0a1b2c3d4e5f60004",
                            "AWS-103 P2 Instance/i-0a1b2c3d4e5f60005",
                            "AWS-103 P2 Instance/i-0a1b2c3d4e5f60007",
                            "AWS-201 P1 Cluster/smartcloudops-analytics-cluster",
                            "AWS-202 P1 Nodegroup/smartcloudops-production-cluster/spot",
                            "AWS-203 P2 Nodegroup/smartcloudops-production-cluster/compute",
                            "AWS-204 P2 Cluster/smartcloudops-analytics-cluster");
            assertThat(rows(store, "SELECT target FROM finding WHERE code LIKE 'AWS-%'"))
                    .containsOnly("prod/us-east-1");
            assertThat(rows(store, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
        }
    }
}
