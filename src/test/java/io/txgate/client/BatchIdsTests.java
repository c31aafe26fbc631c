package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.txgate.protocol.BatchParser;
import io.txgate.protocol.ParseResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * BatchIds are unguessable: the random part of one says nothing about the next. The statistical bounds below are
 * many standard deviations wide (a fair generator fails them with a probability far below 1e-9), yet a counter, a
 * clock or a weak generator with fixed bits fails them at once.
 */
class BatchIdsTests {

    private static final int IDS = 10_000;
    /** The bits of a UUIDv7 that come from the random generator. */
    private static final int RANDOM_BITS = 74;

    private final BatchIds batchIds = new BatchIds("term-7", new SecureRandom(), Clock.systemUTC());

    @Test
    void tenThousandIdsShouldAllDifferAndFitTheProtocolsBatchIdRule() {
        List<String> ids = generate();

        assertThat(new HashSet<>(ids)).hasSize(IDS);
        var parser = new BatchParser(1, 1024);
        for (String id : ids.subList(0, 100)) {
            String frame = "{\"batchId\":\"" + id + "\",\"transactions\":[{\"id\":\"t1\",\"account\":\"A\","
                    + "\"amount\":\"1\",\"currency\":\"EUR\",\"timestamp\":\"2026-11-25T10:15:30Z\"}]}";
            assertThat(parser.parse(frame.getBytes(StandardCharsets.UTF_8))).isInstanceOf(ParseResult.Valid.class);
        }
        assertThat(ids)
                .allMatch(
                        id -> id.matches("term-7-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void consecutiveIdsShouldShareNoMoreRandomBitsThanChance() {
        List<String> ids = generate();
        long sameBits = 0;
        for (int i = 1; i < IDS; i++) {
            sameBits += RANDOM_BITS - differingRandomBits(ids.get(i - 1), ids.get(i));
        }
        // Two independent 74-bit values agree in 37 bits on average; over 9,999 pairs the mean's standard deviation
        // is 0.043 bits. A counter (successors agree in ~72 bits) or a repeated value (74) is far outside.
        double meanSame = (double) sameBits / (IDS - 1);
        assertThat(meanSame).isBetween(36.0, 38.0);
    }

    @Test
    void everyRandomBitShouldBeSetInAboutHalfOfTheIds() {
        int[] setCounts = new int[RANDOM_BITS];
        for (String id : generate()) {
            long[] random = randomBits(id);
            for (int bit = 0; bit < RANDOM_BITS; bit++) {
                if (bit(random, bit)) {
                    setCounts[bit]++;
                }
            }
        }
        // 10,000 fair coin flips: 5,000 +- 50 (one standard deviation); a fixed or biased bit is nowhere near.
        for (int bit = 0; bit < RANDOM_BITS; bit++) {
            assertThat(setCounts[bit]).as("random bit %d", bit).isBetween(4_500, 5_500);
        }
    }

    @Test
    void prefixWhenLongerThanTheRoomLeftByTheUuidShouldBeRefused() {
        String longest = "p".repeat(BatchIds.MAX_PREFIX);
        var ids = new BatchIds(longest, new SecureRandom(), Clock.systemUTC());
        assertThat(ids.next()).hasSize(64);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BatchIds(longest + "p", new SecureRandom(), Clock.systemUTC()))
                .withMessageContaining("1-27 characters");
    }

    @Test
    void defaultPrefixWhenComputedShouldBeAValidIdentifierPartWithTheProcessId() {
        assertThat(BatchIds.defaultPrefix())
                .matches("[A-Za-z0-9._:-]{1," + BatchIds.MAX_PREFIX + "}")
                .endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void uuidWhenMadeShouldCarryTheTimeVersionAndVariantOfRfc9562() {
        UUID uuid = BatchIds.uuidV7(0x0190_1234_5678L, new SecureRandom());

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(0x0190_1234_5678L);
    }

    private List<String> generate() {
        var ids = new ArrayList<String>(IDS);
        for (int i = 0; i < IDS; i++) {
            ids.add(batchIds.next());
        }
        return ids;
    }

    /** The 12 random bits after the version nibble and the 62 after the variant, as {rand_a, rand_b}. */
    private static long[] randomBits(String id) {
        UUID uuid = UUID.fromString(id.substring(id.length() - BatchIds.UUID_LENGTH));
        return new long[] {
            uuid.getMostSignificantBits() & 0x0FFFL, uuid.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL
        };
    }

    private static boolean bit(long[] random, int index) {
        return index < 12 ? (random[0] >>> index & 1) == 1 : (random[1] >>> (index - 12) & 1) == 1;
    }

    private static int differingRandomBits(String a, String b) {
        long[] x = randomBits(a);
        long[] y = randomBits(b);
        return Long.bitCount(x[0] ^ y[0]) + Long.bitCount(x[1] ^ y[1]);
    }
}
