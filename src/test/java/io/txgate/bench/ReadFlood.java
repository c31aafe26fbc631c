package io.txgate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A flood of read API requests for {@code bench/read-flood.sh}: {@code --threads} threads each asking, without pause,
 * for a page of {@code --limit} transactions of a random account, until the process is stopped (SIGTERM); then it
 * writes what it got to {@code --out}. By default it ignores Retry-After, as an abusive client would.
 *
 * <p>{@code java -cp txgate.jar -Dloader.main=io.txgate.bench.ReadFlood
 * org.springframework.boot.loader.launch.PropertiesLauncher --url=http://127.0.0.1:8080 --token=... --out=flood.json
 * [--threads=100] [--limit=1000] [--accounts=100] [--respect-retry-after]}
 */
public final class ReadFlood {

    private static final Logger log = LoggerFactory.getLogger(ReadFlood.class);

    /**
     * What the flood got while it ran.
     *
     * @param statuses responses per HTTP status; {@code error} counts requests that got no response
     * @param okPerSecond 200 responses per second
     * @param okLatencyMs latency of the 200 responses: p50, p99, max
     */
    public record Summary(
            int threads,
            int limit,
            double seconds,
            Map<String, Long> statuses,
            double okPerSecond,
            Map<String, Double> okLatencyMs) {}

    private ReadFlood() {}

    public static void main(String[] args) throws Exception {
        BenchTools.quietLogging();
        Map<String, String> options = BenchTools.options(args);
        String url = BenchTools.required(options, "url");
        String token = BenchTools.required(options, "token");
        Path out = Path.of(BenchTools.required(options, "out"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "100"));
        int limit = Integer.parseInt(options.getOrDefault("limit", "1000"));
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "100"));
        boolean respectRetryAfter = options.containsKey("respect-retry-after");

        var client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var statuses = new ConcurrentHashMap<String, LongAdder>();
        var okLatency = new Recorder(3);
        long started = System.nanoTime();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> write(out, threads, limit, started, statuses, okLatency)));

        for (int i = 0; i < threads; i++) {
            var reader = new Thread(
                    () -> {
                        while (true) {
                            long account = ThreadLocalRandom.current().nextLong(accounts);
                            var request = HttpRequest.newBuilder(URI.create(
                                            url + "/api/transactions?account=ACC-" + account + "&limit=" + limit))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(30))
                                    .GET()
                                    .build();
                            long sent = System.nanoTime();
                            String status;
                            boolean retryLater = false;
                            try {
                                var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                                status = String.valueOf(response.statusCode());
                                if (response.statusCode() == 200) {
                                    okLatency.recordValue((System.nanoTime() - sent) / 1000);
                                }
                                retryLater = response.statusCode() == 429 && respectRetryAfter;
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                status = "error";
                            }
                            statuses.computeIfAbsent(status, s -> new LongAdder())
                                    .increment();
                            if (retryLater) {
                                try {
                                    // Retry-After is one second (ReadConcurrencyLimit); an honest client waits it.
                                    Thread.sleep(1000);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }
                    },
                    "flood-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        log.info("read flood: {} threads, pages of {} from {}", threads, limit, url);
        Thread.currentThread().join();
    }

    private static void write(
            Path out, int threads, int limit, long started, Map<String, LongAdder> statuses, Recorder okLatency) {
        double seconds = (System.nanoTime() - started) / 1e9;
        var counts = new TreeMap<String, Long>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        var histogram = okLatency.getIntervalHistogram();
        var latency = new TreeMap<String, Double>();
        latency.put("p50", histogram.getValueAtPercentile(50) / 1000.0);
        latency.put("p99", histogram.getValueAtPercentile(99) / 1000.0);
        latency.put("max", histogram.getMaxValue() / 1000.0);
        var summary = new Summary(threads, limit, seconds, counts, counts.getOrDefault("200", 0L) / seconds, latency);
        try {
            Files.writeString(out, JsonMapper.shared().writeValueAsString(summary), StandardCharsets.UTF_8);
        } catch (Exception e) {
            log.error("could not write {}", out, e);
        }
    }
}
