package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Frames a client sends without waiting are read ahead together and still answered one each, in order. */
class PipelinedFramesTests extends IngestServerTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void pipelinedFramesWhenMixedWithBadOnesShouldEachGetTheirReplyInOrder() {
        var frames = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            String frame = switch (i % 3) {
                case 0 -> Batches.valid("pipe-" + i, 2);
                case 1 -> "{\"batchId\":\"pipe-" + i + "\"}";
                default -> Batches.valid("pipe-0", 2);
            };
            frames.writeBytes((frame + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        try (LineClient client = connect()) {
            // One write: the server finds many complete frames waiting and reads them in bursts.
            client.sendRaw(frames.toByteArray());

            for (int i = 0; i < 30; i++) {
                String reply = client.readLine();
                switch (i % 3) {
                    case 0 ->
                        assertThat(reply)
                                .isEqualTo("{\"batchId\":\"pipe-" + i + "\",\"status\":\"ACCEPTED\",\"count\":2}");
                    case 1 ->
                        assertThat(reply)
                                .startsWith("{\"batchId\":\"pipe-" + i + "\",\"status\":\"REJECTED\"")
                                .contains("INVALID");
                    default ->
                        assertThat(reply).isEqualTo("{\"batchId\":\"pipe-0\",\"status\":\"DUPLICATE\",\"count\":2}");
                }
            }
        }
        for (int i = 0; i < 30; i += 3) {
            assertThat(storedTransactions("pipe-" + i)).isEqualTo(2);
        }
    }

    @Test
    void pipelinedFramesWhenTheClientHalfClosesShouldAllBeAnswered() {
        var frames = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            frames.append(Batches.valid("half-" + i, 1)).append('\n');
        }

        try (LineClient client = connect()) {
            client.sendRaw(frames.toString().getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();

            for (int i = 0; i < 10; i++) {
                assertThat(client.readLine())
                        .isEqualTo("{\"batchId\":\"half-" + i + "\",\"status\":\"ACCEPTED\",\"count\":1}");
            }
            assertThat(client.readLine()).isNull();
        }
    }

    @Test
    void pipelinedFramesWhenOnOneConnectionShouldShareCommits() {
        var frames = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            frames.append(Batches.valid("share-" + i, 1)).append("\r\n");
        }
        try (LineClient client = connect()) {
            client.sendRaw(frames.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 60; i++) {
                assertThat(client.readLine()).contains("\"share-" + i + "\"").contains("ACCEPTED");
            }
        }
        // Without read-ahead a connection has one batch in the store at a time, so every group would hold one.
        assertThat(meters.get("txgate.commit.group.size").summary().max())
                .as("largest commit group")
                .isGreaterThan(1);
    }
}
