package io.txgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.store.StoredBatch;
import io.txgate.store.StoredBatchRepository;
import io.txgate.store.StoredInstant;
import io.txgate.store.StoredTransaction;
import io.txgate.store.StoredTransactionRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The read API's parameter rules, in the web layer alone: the controller, Spring MVC's conversion and error handling,
 * and stand-in repositories that record what they were asked. A refused parameter is a 400 naming it and never
 * reaches the store; an accepted one reaches it as the store's query expects. The real store behind the same rules is
 * {@link ReadApiTests}; who may call at all (tokens, the query-string check) is {@code HttpSecurityTests}.
 */
@WebMvcTest(ReadApiController.class)
// The security filters are the http feature's, tested with the real server; here the rules behind them.
@AutoConfigureMockMvc(addFilters = false)
@ActiveProfiles("server")
@Import(ReadApiParameterTests.StandInStore.class)
@ExtendWith(OutputCaptureExtension.class)
class ReadApiParameterTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    StoreQueries queries;

    @BeforeEach
    void forgetEarlierQueries() {
        queries.clear();
    }

    @Test
    void transactionsWhenParametersAreBadShouldBe400NamingTheParameterAndNotQueryTheStore(CapturedOutput output) {
        assertRefused("/api/transactions", "account: required");
        assertRefused("/api/transactions?account=", "account: required");
        assertRefused("/api/transactions?account=A&limit=0", "limit: must be a whole number from 1 to 1000");
        assertRefused("/api/transactions?account=A&limit=1001", "limit: must be a whole number from 1 to 1000");
        assertRefused("/api/transactions?account=A&limit=zero", "limit: must be a whole number from 1 to 1000");
        assertRefused("/api/transactions?account=A&limit=99999999999999999999", "limit: must be a whole number");
        assertRefused("/api/transactions?account=A&from=yesterday", "from: must be an RFC 3339 date-time");
        assertRefused("/api/transactions?account=A&to=2026-13-01T00:00:00Z", "to: must be an RFC 3339 date-time");
        assertRefused("/api/transactions?account=A&to=2026-11-25T10:00:00", "to: must be an RFC 3339 date-time");
        assertRefused(
                "/api/transactions?account=A&from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z",
                "from: must be before to");
        assertRefused(
                "/api/transactions?account=A&from=2026-11-25T10:00:00Z&to=2026-11-25T10:00:00Z",
                "from: must be before to");
        assertRefused("/api/transactions?account=A&cursor=%21%21", "cursor: not a cursor returned by this API");

        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    /** Values that parse, but that no store can take: each was a 500 with a stack trace in the log. */
    @Test
    void transactionsWhenValuesAreExtremeOrForgedShouldBe400NamingTheParameter(CapturedOutput output) {
        assertRefused("/api/transactions?account=A&from=%2B999999999-01-01T00:00:00Z", "from: must lie between");
        assertRefused("/api/transactions?account=A&from=-999999999-01-01T00:00:00Z", "from: must lie between");
        assertRefused("/api/transactions?account=A&to=%2B1000000000-01-01T00:00:00Z", "to:");
        assertRefused("/api/transactions?account=A&to=-1000000000-01-01T00:00:00Z", "to:");
        assertRefused("/api/transactions?account=A&to=%2B10000-01-01T00:00:00Z", "to: must lie between");
        assertRefused("/api/transactions?account=ACC%00X", "account: must be 1-64 characters");
        assertRefused("/api/transactions?account=" + "A".repeat(65), "account: must be 1-64 characters");
        assertRefused("/api/transactions?account=%E2%9C%93", "account: must be 1-64 characters");
        assertRefused("/api/transactions?account=A&cursor=%FF", "cursor:");
        for (String forged : new String[] {
            "+1000000000-12-31T23:59:59.999999999Z|1|b1",
            "2026-11-25T10:00:00Z|0|api-1", // the store's earlier cursor form
            "1|2",
            "1|2|3|4",
            "x|0|1",
            "1|1000|1",
            "1|-1|1",
            "1|0|0",
            "99999999999999999999|0|1",
            "1|0|1\u0000"
        }) {
            assertRefused(
                    "/api/transactions?account=A&cursor=" + cursor(forged),
                    "cursor: not a cursor returned by this API");
        }

        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    @Test
    void batchWhenParametersAreBadShouldBe400NamingTheParameterAndNotQueryTheStore() {
        assertRefused("/api/batches/" + "b".repeat(65), "batchId: must be 1-64 characters");
        assertRefused("/api/batches/caf%C3%A9", "batchId: must be 1-64 characters");
        assertRefused("/api/batches/b%00", "batchId: must be 1-64 characters");
        assertRefused("/api/batches/b1?client=" + "C".repeat(1025), "client: at most 1024 characters");
        assertRefused("/api/batches/b1?client=CN%3Dx%0AFORGED", "client: must not contain control characters");
    }

    @Test
    void transactionsWhenBoundsAreGivenShouldReachTheStoreAsInstantsToTheNanosecond() {
        MvcTestResult result = get("/api/transactions?account=ACC-1&limit=7"
                + "&from=2026-11-25T11:00:00.000000499%2B01:00&to=2026-11-25T10:30:00.5Z");

        assertThat(result).hasStatusOk();
        Instant from = Instant.parse("2026-11-25T10:00:00.000000499Z");
        Instant to = Instant.parse("2026-11-25T10:30:00.5Z");
        assertThat(queries)
                .containsExactly("findPage ACC-1 " + StoredInstant.micros(from) + "." + StoredInstant.nanos(from) + " "
                        + StoredInstant.micros(to) + "." + StoredInstant.nanos(to) + " limit 8");
    }

    @Test
    void transactionsWithoutBoundsOrLimitShouldAskForTheWholeRangeAndTheDefaultPage() {
        assertThat(get("/api/transactions?account=ACC-1")).hasStatusOk();

        assertThat(queries)
                .as("the documented range, and one row more than the default 100 to see whether a page follows")
                .containsExactly("findPage ACC-1 " + StoredInstant.micros(ReadParameters.EARLIEST) + ".0 "
                        + StoredInstant.micros(ReadParameters.LATEST) + "."
                        + StoredInstant.nanos(ReadParameters.LATEST) + " limit 101");
    }

    @Test
    void transactionsWithACursorShouldContinueAfterItsRow() {
        String cursor = new PageCursor(1_764_064_800_000_000L, 499, 42).encode();

        assertThat(get("/api/transactions?account=ACC-1&limit=1000&cursor=" + cursor))
                .hasStatusOk();

        assertThat(queries)
                .containsExactly("findPageAfter ACC-1 " + StoredInstant.micros(ReadParameters.EARLIEST)
                        + ".0 1764064800000000.499 row 42 limit 1001");
    }

    @Test
    void batchWhenNotStoredShouldBe404NamingWhichClientsWereAsked() {
        assertThat(get("/api/batches/b1"))
                .hasStatus(404)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("batchId: no batch 'b1' is stored");
        assertThat(get("/api/batches/b1?client="))
                .hasStatus(404)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("batchId: no batch 'b1' is stored for clients without a certificate");
        assertThat(get("/api/batches/b1?client=CN%3Dterminal-7%2C%20O%3DShop"))
                .hasStatus(404)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("batchId: no batch 'b1' is stored for client 'CN=terminal-7, O=Shop'");
        assertThat(queries).containsExactly("findByBatchId b1", "findByBatchId b1", "findByBatchId b1");
    }

    private void assertRefused(String pathAndQuery, String reason) {
        queries.clear();
        MvcTestResult result = get(pathAndQuery);
        assertThat(result).as(pathAndQuery).hasStatus(400);
        assertThat(result)
                .as(pathAndQuery)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .startsWith(reason);
        assertThat(queries).as(pathAndQuery + ": reached the store").isEmpty();
    }

    /** The text as sent on the wire: already percent-encoded, so it is passed as a URI and not encoded again. */
    private MvcTestResult get(String pathAndQuery) {
        return mvc.get().uri(URI.create(pathAndQuery)).exchange();
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The store's two read repositories as stand-ins that write down each query and answer it with no rows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StandInStore {

        @Bean
        StoreQueries storeQueries() {
            return new StoreQueries();
        }

        @Bean
        StoredBatchRepository batches(StoreQueries queries) {
            return new StoredBatchRepository() {
                @Override
                public List<StoredBatch> findByBatchId(String batchId) {
                    queries.add("findByBatchId " + batchId);
                    return List.of();
                }

                @Override
                public List<StoredBatch> findByBatchNoIn(Collection<Long> batchNos) {
                    // Asked only for the rows of a page; the pages here are empty.
                    if (!batchNos.isEmpty()) {
                        queries.add("findByBatchNoIn " + batchNos);
                    }
                    return List.of();
                }
            };
        }

        @Bean
        StoredTransactionRepository transactions(StoreQueries queries) {
            return new StoredTransactionRepository() {
                @Override
                public List<StoredTransaction> findRows(long first, long end) {
                    queries.add("findRows " + first + " " + end);
                    return List.of();
                }

                @Override
                public List<StoredTransaction> findPage(
                        String account, long fromMicros, int fromNanos, long toMicros, int toNanos, Limit limit) {
                    queries.add("findPage " + account + " " + fromMicros + "." + fromNanos + " " + toMicros + "."
                            + toNanos + " limit " + limit.max());
                    return List.of();
                }

                @Override
                public List<StoredTransaction> findPageAfter(
                        String account,
                        long fromMicros,
                        int fromNanos,
                        long afterMicros,
                        int afterNanos,
                        long afterRow,
                        Limit limit) {
                    queries.add("findPageAfter " + account + " " + fromMicros + "." + fromNanos + " " + afterMicros
                            + "." + afterNanos + " row " + afterRow + " limit " + limit.max());
                    return List.of();
                }
            };
        }
    }

    /** What the stand-in repositories were asked, in order. */
    static class StoreQueries extends ArrayList<String> {}
}
