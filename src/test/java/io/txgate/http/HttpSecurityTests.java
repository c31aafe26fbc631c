package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.RawHttp;
import io.txgate.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The read API over real HTTP: who gets in (401, 403, 200), what every read leaves in the audit log, the headers. */
@ExtendWith(OutputCaptureExtension.class)
class HttpSecurityTests extends IngestServerTestBase {

    @Test
    void readApiWhenCalledWithoutTokenShouldBe401WithBearerChallenge() {
        var response = api().get("/api/transactions?account=ACC-1");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"txgate\"");
        assertThat(response.json().path("detail").asString()).contains("Authorization: Bearer <token>");
        assertThat(response.body()).doesNotContain("transactions\":");
    }

    @Test
    void readApiWhenCalledWithWrongTokenShouldBe401() {
        for (var caller : new Http[] {
            api().as("not-a-token"), api().as(TestTokens.READER + "x"), api().as(TestTokens.READER.substring(1))
        }) {
            var response = caller.get("/api/transactions?account=ACC-1");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"txgate\", error=\"invalid_token\"");
        }
        String basic = RawHttp.exchange(
                api().port(),
                "GET /api/transactions?account=ACC-1 HTTP/1.1\r\nAuthorization: Basic cmVhZGVyOnJlYWRlcg==");
        assertThat(RawHttp.status(basic)).isEqualTo(401);
    }

    @Test
    void readApiWhenTokenLacksScopeReadShouldBe403NamingTheScope() {
        var response = api().as(TestTokens.SCRAPER).get("/api/transactions?account=ACC-1");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("detail").asString())
                .contains("'scraper'")
                .contains("scope 'read'");
    }

    @Test
    void readApiWhenTokenHasScopeReadShouldAnswer() {
        assertThat(api().as(TestTokens.READER)
                        .get("/api/transactions?account=ACC-1")
                        .status())
                .isEqualTo(200);
        assertThat(api().as(TestTokens.OPERATOR)
                        .get("/api/transactions?account=ACC-1")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void readsWhenAnsweredShouldEachLeaveAnAuditLineWithoutContent(CapturedOutput output) {
        String description = "audit-secret-description";
        String frame = Batches.batch(
                "audit-1",
                "[" + Batches.transaction("t1", "ACC-AUDIT", "\"987654.32\"", description) + ","
                        + Batches.transaction("t2", "ACC-AUDIT", "\"123.45\"", description) + "]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(frame)).contains("ACCEPTED");
        }

        assertThat(api().as(TestTokens.READER).get("/api/batches/audit-1").status())
                .isEqualTo(200);
        assertThat(api().as(TestTokens.OPERATOR)
                        .get("/api/transactions?account=ACC-AUDIT&limit=1")
                        .status())
                .isEqualTo(200);
        assertThat(api().as(TestTokens.READER).get("/api/batches/audit-none").status())
                .isEqualTo(404);

        var audit = output.getAll()
                .lines()
                .filter(line -> line.contains("txgate.audit"))
                .toList();
        assertThat(audit)
                .anySatisfy(line ->
                        assertThat(line).contains("token=reader endpoint=/api/batches/{batchId} batch=audit-1 rows=2"))
                .anySatisfy(line ->
                        assertThat(line).contains("token=operator endpoint=/api/transactions account=ACC-AUDIT rows=1"))
                .anySatisfy(line -> assertThat(line)
                        .contains("token=reader endpoint=/api/batches/{batchId} batch=audit-none rows=0"));
        assertThat(audit)
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain(description)
                        .doesNotContain("987654")
                        .doesNotContain("123.45")
                        .doesNotContain(TestTokens.READER)
                        .doesNotContain(TestTokens.OPERATOR));
        // Nor anywhere else in the log: the secrets never, the content not from a read.
        assertThat(output.getAll()).doesNotContain(TestTokens.READER).doesNotContain(TestTokens.OPERATOR);
    }

    @Test
    void refusedCallersWhenRepeatedShouldLeaveNoLogLines(CapturedOutput output) {
        // The first request of all initializes the DispatcherServlet, which logs that once.
        api().as(TestTokens.READER).get("/api/batches/warm-up");
        int before = output.getAll().length();
        for (int i = 0; i < 20; i++) {
            assertThat(api().get("/api/transactions?account=ACC-1").status()).isEqualTo(401);
            assertThat(api().as("wrong").get("/api/transactions?account=ACC-1").status())
                    .isEqualTo(401);
            assertThat(api().as(TestTokens.SCRAPER)
                            .get("/api/transactions?account=ACC-1")
                            .status())
                    .isEqualTo(403);
        }

        assertThat(output.getAll().substring(before)).isEmpty();
    }

    @Test
    void responsesWhenAnyShouldCarrySecurityHeaders() {
        var reader = api().as(TestTokens.READER);
        for (Http.Response response : new Http.Response[] {
            reader.get("/api/transactions?account=ACC-1"),
            reader.get("/api/transactions?account=ACC-1&limit=0"),
            reader.get("/api/batches/none"),
            api().get("/api/transactions?account=ACC-1"),
            api().as(TestTokens.SCRAPER).get("/api/transactions?account=ACC-1")
        }) {
            assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.header("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        }
    }
}
