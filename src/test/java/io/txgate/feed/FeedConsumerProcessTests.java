package io.txgate.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.FeedFollowing;
import io.txgate.support.IngestLoad;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.ServerProcess;
import io.txgate.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled consumer (profile {@code feed}) in a process of its own, following a real server while 10 connections
 * commit: killed with SIGKILL mid-follow, a torn last line added as a crash mid-write would leave it, and started
 * again, its file ends with every stored transaction exactly once, in position order.
 */
// The file must hold every stored row and only this test's: a store of its own, not one a cached server already used.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class FeedConsumerProcessTests extends IngestServerTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void consumerKilledAndRestartedShouldWriteEveryTransactionOnceInOrder() throws Exception {
        Path output = work.resolve("feed.ndjson");
        var load = IngestLoad.start("kill", new int[] {ingestPort()}, 10, 30);

        Process consumer = startConsumer(output);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> lines(output).size() >= 100);
        } finally {
            consumer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int whenKilled = lines(output).size();
        // What a crash in the middle of a write leaves: the start of a line that was never finished.
        Files.writeString(output, "{\"position\":999999999,\"batchId\":\"tor", StandardOpenOption.APPEND);

        int accepted = load.get(60, TimeUnit.SECONDS);
        Process restarted = startConsumer(output);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> lines(output).size() >= accepted);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }

        var written = new ArrayList<FeedFollowing.Seen>();
        for (String line : lines(output)) {
            JsonNode tx = JSON.readTree(line);
            written.add(new FeedFollowing.Seen(
                    tx.get("position").asLong(),
                    tx.get("batchId").asString(),
                    tx.get("id").asString()));
        }
        assertThat(whenKilled).isLessThan(accepted);
        assertThat(written).hasSize(accepted).isEqualTo(FeedFollowing.stored(jdbc));
    }

    @Test
    void consumerWithARefusedTokenShouldStopWithoutWritingAnything() throws Exception {
        Path output = work.resolve("refused.ndjson");
        var properties = new FeedProperties(
                "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"),
                "not-a-valid-token",
                output.toString(),
                0,
                100,
                Duration.ofSeconds(1),
                "",
                Duration.ofMillis(100));

        FeedFollower.End end;
        try (var file = FeedOutput.file(output, FeedFollower::positionOf)) {
            end = new FeedFollower(properties).run(file);
        }

        assertThat(end).isEqualTo(FeedFollower.End.FATAL);
        assertThat(Files.size(output)).isZero();
    }

    private Process startConsumer(Path output) throws IOException {
        var command = List.of(
                ServerProcess.javaCommand(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                ServerProcess.testClassPath(),
                "io.txgate.TxgateApplication",
                "--spring.profiles.active=feed",
                "--txgate.feed.url=http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"),
                "--txgate.feed.output=" + output,
                "--txgate.feed.limit=25",
                "--txgate.feed.wait-time=2s",
                "--txgate.feed.consumer=process-test");
        Path log = Files.createDirectories(Path.of("target", "test-logs"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        log.resolve("feed-consumer.log").toFile()));
        builder.environment().put("TXGATE_FEED_TOKEN", TestTokens.READER);
        return builder.start();
    }

    private static List<String> lines(Path output) {
        try {
            if (!Files.exists(output)) {
                return List.of();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
