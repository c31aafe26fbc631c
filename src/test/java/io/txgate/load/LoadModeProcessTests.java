package io.txgate.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.IngestServerTestBase;
import io.txgate.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load mode as the benchmark runs it: a process of its own with profile {@code load}. It is a client only, so it
 * must not open a database or start the store's writer (which once probed a table that did not exist in its throw-away
 * database and logged a warning a second, in the middle of every benchmark run).
 */
class LoadModeProcessTests extends IngestServerTestBase {

    @TempDir
    Path workDir;

    @Test
    void loadProfileWhenRunShouldSendEverythingAndTouchNoDatabase() throws Exception {
        Path summaryFile = workDir.resolve("summary.json");
        Path log = workDir.resolve("load.log");
        Process process = new ProcessBuilder(List.of(
                        ServerProcess.javaCommand(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        ServerProcess.testClassPath(),
                        "io.txgate.TxgateApplication",
                        "--spring.profiles.active=load",
                        "--txgate.load.ports=" + ingestPort(),
                        "--txgate.load.connections=2",
                        "--txgate.load.batch-size=5",
                        "--txgate.load.in-flight=2",
                        "--txgate.load.batches=40",
                        "--txgate.load.run-id=lm-process",
                        "--txgate.load.summary-file=" + summaryFile))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String output = Files.readString(log);
        assertThat(exited).as("load process ended by itself; log:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; log:%n%s", output).isZero();
        LoadSummary summary = LoadSummary.fromJson(Files.readString(summaryFile));
        assertThat(summary.count("ACCEPTED")).isEqualTo(40);
        assertThat(summary.acceptedTransactions()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'lm-process%'", Long.class))
                .isEqualTo(200);
        assertThat(output).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("txgate-writer");
        assertThat(workDir.resolve("data")).doesNotExist();
    }
}
