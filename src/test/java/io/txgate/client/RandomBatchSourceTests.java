package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchEncoder;
import io.txgate.protocol.BatchParser;
import io.txgate.protocol.ParseResult;
import io.txgate.protocol.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomBatchSourceTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123456Z"), ZoneOffset.UTC);

    private final BatchEncoder encoder = new BatchEncoder();
    private final BatchParser serverParser = new BatchParser(1000, 1_048_576);

    @Test
    void everyBatchWhenEncodedShouldPassTheServerValidatorUnchanged() {
        var source = new RandomBatchSource(batchIds("test"), 10, new SplittableRandom(7), CLOCK);
        for (int i = 0; i < 500; i++) {
            Batch batch = source.next();
            String frame = encoder.encode(batch);

            assertThat(frame).doesNotContain("\r", "\n");
            ParseResult parsed = serverParser.parse(frame.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed).isInstanceOf(ParseResult.Valid.class);
            assertThat(((ParseResult.Valid) parsed).batch()).isEqualTo(batch);
        }
    }

    @Test
    void generatedValuesWhenManyBatchesShouldLookLikeTerminalTransactions() {
        var source = new RandomBatchSource(batchIds("test"), 10, new SplittableRandom(11), CLOCK);
        var descriptions = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            for (Transaction transaction : source.next().transactions()) {
                assertThat(transaction.account()).matches("ACC-1[0-9]{3}");
                assertThat(transaction.amount().scale()).isEqualTo(2);
                assertThat(transaction.amount().signum()).isNotZero();
                assertThat(transaction.currency()).matches("[A-Z]{3}");
                assertThat(transaction.timestamp()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
                descriptions.add(transaction.description());
            }
        }
        assertThat(descriptions).contains((String) null).anyMatch(text -> text != null && !text.matches("\\p{ASCII}*"));
    }

    @Test
    void batchIdsWhenContentRandomIsSeededAlikeShouldStillDiffer() {
        // Two runs seeded alike (as after a restart with a fixed seed) make the same content, never the same ids.
        var firstRun = new RandomBatchSource(batchIds("term-7"), 1, new SplittableRandom(1), CLOCK);
        var laterRun = new RandomBatchSource(batchIds("term-7"), 1, new SplittableRandom(1), CLOCK);
        var ids = new HashSet<String>();
        for (int i = 0; i < 100; i++) {
            Batch first = firstRun.next();
            Batch later = laterRun.next();
            assertThat(first.transactions()).isEqualTo(later.transactions());
            assertThat(ids.add(first.batchId())).isTrue();
            assertThat(ids.add(later.batchId())).isTrue();
        }
    }

    private static BatchIds batchIds(String prefix) {
        return new BatchIds(prefix, new SecureRandom(), CLOCK);
    }
}
