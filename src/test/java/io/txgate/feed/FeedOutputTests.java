package io.txgate.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's output file is its checkpoint: the last complete line says where to resume, a torn line goes. */
class FeedOutputTests {

    @TempDir
    Path dir;

    @Test
    void newFileShouldResumeAfterTheConfiguredPosition() throws Exception {
        Path file = dir.resolve("sub/feed.ndjson");
        try (var output = FeedOutput.file(file, FeedFollower::positionOf)) {
            assertThat(output.resumeAfter(42)).isEqualTo(42);
            output.append(List.of(line(43), line(70000)));
        }
        try (var output = FeedOutput.file(file, FeedFollower::positionOf)) {
            assertThat(output.resumeAfter(0)).isEqualTo(70000);
        }
        assertThat(Files.readAllLines(file)).containsExactly(line(43), line(70000));
    }

    @Test
    void tornLastLineShouldBeCutOffAndThePositionBeforeItUsed() throws Exception {
        Path file = dir.resolve("feed.ndjson");
        Files.writeString(
                file, line(5) + "\n" + line(9) + "\n" + "{\"position\":12,\"batchId\":\"b", StandardCharsets.UTF_8);

        try (var output = FeedOutput.file(file, FeedFollower::positionOf)) {
            assertThat(output.resumeAfter(0)).isEqualTo(9);
            output.append(List.of(line(12)));
        }

        assertThat(Files.readAllLines(file)).containsExactly(line(5), line(9), line(12));
    }

    @Test
    void fileWithOnlyATornLineShouldStartOver() throws Exception {
        Path file = dir.resolve("feed.ndjson");
        Files.writeString(file, "{\"posi", StandardCharsets.UTF_8);

        try (var output = FeedOutput.file(file, FeedFollower::positionOf)) {
            assertThat(output.resumeAfter(0)).isZero();
        }
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void longLastLineShouldBeReadWhole() throws Exception {
        Path file = dir.resolve("feed.ndjson");
        String longLine = "{\"position\":77,\"description\":\"" + "x".repeat(20_000) + "\"}";
        Files.writeString(file, line(1) + "\n" + longLine + "\n", StandardCharsets.UTF_8);

        try (var output = FeedOutput.file(file, FeedFollower::positionOf)) {
            assertThat(output.resumeAfter(0)).isEqualTo(77);
        }
    }

    @Test
    void lastLineWithoutAPositionShouldStopTheConsumerWithAReason() throws Exception {
        Path file = dir.resolve("feed.ndjson");
        Files.writeString(file, "hello\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FeedOutput.file(file, FeedFollower::positionOf))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a change feed line");
    }

    private static String line(long position) {
        return "{\"position\":" + position + ",\"batchId\":\"b-" + position + "\"}";
    }
}
