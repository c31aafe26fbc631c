package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.BatchParser;
import io.txgate.protocol.ParseResult;
import io.txgate.protocol.Transaction;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The load generator's frames and the raw limit's rows must be the same data. */
class SampleBatchesTests {

    @Test
    void frameWhenParsedShouldHoldExactlyTheRowsTheRawLimitInserts() {
        byte[] frame = SampleBatches.frame("sample-1", 123_456, 100, 37);

        // The frame ends with CR LF, which framing strips before parsing.
        ParseResult parsed = new BatchParser(1000, 1 << 20).parse(Arrays.copyOf(frame, frame.length - 2));

        assertThat(parsed).isInstanceOf(ParseResult.Valid.class);
        var batch = ((ParseResult.Valid) parsed).batch();
        assertThat(batch.batchId()).isEqualTo("sample-1");
        assertThat(batch.transactions()).hasSize(100);
        for (int seq = 0; seq < 100; seq++) {
            SampleBatches.Row row = SampleBatches.row(123_456, seq, 37);
            Transaction tx = batch.transactions().get(seq);
            assertThat(tx.id()).isEqualTo(row.txId());
            assertThat(tx.account()).isEqualTo(row.account());
            assertThat(tx.amount()).isEqualTo(row.amount());
            assertThat(tx.currency()).isEqualTo(row.currency());
            assertThat(tx.timestamp()).isEqualTo(row.timestamp());
            assertThat(tx.description()).isEqualTo(row.description());
        }
    }

    @Test
    void rowsWhenNumberedFromZeroShouldSpreadOverAllAccounts() {
        var accounts = new HashSet<String>();
        for (int seq = 0; seq < 1000; seq++) {
            accounts.add(SampleBatches.row(0, seq, 100).account());
        }

        assertThat(accounts).hasSize(100);
    }
}
