package io.txgate.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows a server's change feed into a {@link FeedOutput}: asks {@code after=<last position written>}, appends the
 * page, repeats; long polls while nothing is new. Failures of the server (down, 5xx, 429) are waited out; answers that
 * no retry can change (401, 403, 400, 404) end the run.
 */
final class FeedFollower {

    private static final Logger log = LoggerFactory.getLogger(FeedFollower.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a run ended with; {@link #FATAL} stops the process with exit code 2. */
    enum End {
        STOPPED,
        FATAL
    }

    private final FeedProperties properties;
    private final HttpClient http;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean outage;
    private volatile CompletableFuture<HttpResponse<String>> inFlight;

    FeedFollower(FeedProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The position of one written line: its {@code position} field. */
    static long positionOf(String line) {
        JsonNode position;
        try {
            position = JSON.readTree(line).get("position");
        } catch (JacksonException e) {
            position = null;
        }
        if (position == null || !position.canConvertToLong()) {
            throw new IllegalStateException("the output's last line is not a change feed line with a position, so"
                    + " where to resume is unknown; move the file away or repair its last line: " + abbreviate(line));
        }
        return position.asLong();
    }

    /** Runs until {@link #stop()} or an answer no retry can change. */
    End run(FeedOutput output) throws IOException, InterruptedException {
        long after = output.resumeAfter(properties.after());
        log.info("following {} after position {}", feedUrl(), after);
        while (stop.getCount() > 0) {
            HttpResponse<String> response;
            var call = http.sendAsync(request(after), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            inFlight = call;
            try {
                response = call.get();
            } catch (CancellationException stopped) {
                break;
            } catch (ExecutionException e) {
                failed("cannot reach " + feedUrl() + ": " + e.getCause());
                pause(properties.retryInterval());
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                after = take(response.body(), after, output);
                if (outage) {
                    outage = false;
                    log.info("the feed answers again; following after position {}", after);
                }
            } else if (status == 429) {
                failed("the server is busy (429): " + detail(response.body()));
                pause(Duration.ofSeconds(
                        response.headers().firstValueAsLong("Retry-After").orElse(1)));
            } else if (status == 400 || status == 401 || status == 403 || status == 404) {
                log.error("the server refused the feed request ({}): {}", status, detail(response.body()));
                return End.FATAL;
            } else {
                failed("the server answered " + status + ": " + detail(response.body()));
                pause(properties.retryInterval());
            }
        }
        return End.STOPPED;
    }

    /** Ends the run: a long poll in progress is abandoned (nothing of it was written), a page being written ends. */
    void stop() {
        stop.countDown();
        var call = inFlight;
        if (call != null) {
            call.cancel(true);
        }
    }

    /** Writes a page's transactions and returns its next position; checks the order the server promises. */
    private static long take(String body, long after, FeedOutput output) throws IOException {
        JsonNode page = JSON.readTree(body);
        var lines = new ArrayList<String>();
        long last = after;
        for (JsonNode transaction : page.get("transactions")) {
            long position = transaction.get("position").asLong();
            if (position <= last) {
                throw new IllegalStateException("the feed answered position " + position + " after " + last
                        + ": out of order, nothing of this page was written");
            }
            last = position;
            lines.add(JSON.writeValueAsString(transaction));
        }
        long next = page.get("next").asLong();
        if (!lines.isEmpty()) {
            output.append(lines);
        }
        return lines.isEmpty() ? Math.max(after, next) : last;
    }

    private HttpRequest request(long after) {
        var query = new StringBuilder(feedUrl())
                .append("?after=")
                .append(after)
                .append("&limit=")
                .append(properties.limit())
                .append("&wait=")
                .append(properties.waitTime().toMillis())
                .append("ms");
        if (!properties.consumer().isEmpty()) {
            query.append("&consumer=").append(URLEncoder.encode(properties.consumer(), StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(query.toString()))
                .timeout(properties.waitTime().plusSeconds(30))
                .header("Authorization", "Bearer " + properties.token())
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private String feedUrl() {
        String base = properties.url();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/feed";
    }

    /** WARN once per outage, then DEBUG: a server down for an hour is one line, not thousands. */
    private void failed(String reason) {
        if (outage) {
            log.debug("{}; retrying", reason);
        } else {
            outage = true;
            log.warn("{}; retrying every {} until it answers", reason, properties.retryInterval());
        }
    }

    private void pause(Duration pause) throws InterruptedException {
        stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String detail(String body) {
        try {
            JsonNode detail = JSON.readTree(body).get("detail");
            if (detail != null && detail.isString()) {
                return detail.asString();
            }
        } catch (JacksonException e) {
            // not a problem document: show the start of the body
        }
        return abbreviate(body);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    static List<String> requiredSettings(FeedProperties properties) {
        var missing = new ArrayList<String>();
        if (properties.token().isEmpty()) {
            missing.add("txgate.feed.token (the API token, scope read; or TXGATE_FEED_TOKEN)");
        }
        if (properties.output().isEmpty()) {
            missing.add("txgate.feed.output (the NDJSON file to append to, or - for standard output)");
        }
        return missing;
    }
}
