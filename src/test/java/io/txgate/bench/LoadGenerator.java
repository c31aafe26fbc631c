package io.txgate.bench;

import io.txgate.protocol.ReplyReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a server with batches over plain sockets and measures how fast and how soon they are acknowledged.
 *
 * <p>Each connection has a sending and a receiving thread, so up to {@code inFlight} frames can be on their way while
 * replies come back (PROTOCOL.md lets clients pipeline; replies come in request order). The sending thread takes batch
 * numbers from one counter shared by all connections, so the run sends exactly {@code batches} batches whatever the
 * connections' speeds. It is a measuring tool, not a client: it never resends, it counts what it got.
 */
public final class LoadGenerator {

    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,40}");
    private static final ReplyReader REPLIES = new ReplyReader();
    private static final Sent END = new Sent(null, 0);

    private final LoadProperties settings;
    private final String runId;

    public LoadGenerator(LoadProperties settings) {
        this.settings = settings;
        this.runId =
                settings.runId().isEmpty() ? "load-" + Long.toString(System.currentTimeMillis(), 36) : settings.runId();
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException(
                    "--run-id must be 1-40 characters of A-Z a-z 0-9 . _ : -, was '" + runId + "'");
        }
    }

    /**
     * Connects, sends the warm-up batches if any, then every measured batch over the same connections, waits for every
     * reply (or the reply timeout), and summarises.
     */
    public LoadSummary run() throws IOException, InterruptedException {
        var lanes = new ArrayList<Lane>(settings.connections());
        try {
            for (int i = 0; i < settings.connections(); i++) {
                lanes.add(new Lane(i));
            }
            log.info(
                    "load run {}: {} batches of {} (after {} warm-up batches) to {} port(s) {} over {} connections,"
                            + " {} in flight each, rate {}",
                    runId,
                    settings.batches(),
                    settings.batchSize(),
                    settings.warmupBatches(),
                    settings.host(),
                    settings.ports(),
                    settings.connections(),
                    settings.inFlight(),
                    settings.rate() == 0 ? "unlimited" : settings.rate() + " batches/s");
            LoadSummary warmup = null;
            if (settings.warmupBatches() > 0) {
                warmup = runPhase(lanes, new Phase(runId + "-w", settings.warmupBatches()), null);
                log.info(
                        "load run {}: warm-up done ({} tx/s, outcomes {})",
                        runId,
                        Math.round(warmup.transactionsPerSecond()),
                        warmup.statuses());
            }
            // bench/run.sh waits for this line to start counting the server's CPU time.
            log.info("load run {}: measuring", runId);
            return runPhase(lanes, new Phase(runId, settings.batches()), warmup);
        } finally {
            lanes.forEach(Lane::close);
        }
    }

    /** One pass over the lanes: {@code phase.batches} batches in all, counted afresh. */
    private LoadSummary runPhase(List<Lane> lanes, Phase phase, LoadSummary warmup) throws InterruptedException {
        lanes.forEach(Lane::resetCounts);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (Lane lane : lanes) {
            if (settings.inFlight() == 1) {
                // Nothing to overlap: one thread sends and reads, half the threads and wake-ups on a shared CPU.
                threads.add(start(() -> lane.exchange(phase, start), "load-" + lane.index));
            } else {
                threads.add(start(() -> lane.send(phase, start), "load-send-" + lane.index));
                threads.add(start(lane::receive, "load-recv-" + lane.index));
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        return summarise(lanes, phase, elapsed, processCpuNanos() - cpuStart, warmup);
    }

    /**
     * The batches of one pass: batch {@code n} is {@code batchIdPrefix-n}. All lanes take numbers from one counter, so
     * exactly {@code batches} are sent whatever the connections' speeds.
     */
    private record Phase(String batchIdPrefix, long batches, AtomicLong next) {

        Phase(String batchIdPrefix, long batches) {
            this(batchIdPrefix, batches, new AtomicLong());
        }

        String batchId(long n) {
            return batchIdPrefix + "-" + n;
        }
    }

    /** Batch {@code n}'s frame: its rows are a function of {@code n} alone, in every pass. */
    private byte[] frame(String batchId, long n) {
        return SampleBatches.frame(batchId, n * settings.batchSize(), settings.batchSize(), settings.accounts());
    }

    private static Thread start(Runnable task, String name) {
        var thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    /** CPU time of this whole process; the generator shares the machine with the server it measures. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private LoadSummary summarise(List<Lane> lanes, Phase phase, long elapsedNanos, long cpuNanos, LoadSummary warmup) {
        var latency = new Histogram(3);
        var statuses = new TreeMap<String, Long>();
        long answered = 0;
        long sent = 0;
        for (Lane lane : lanes) {
            latency.add(lane.latencyMicros);
            lane.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            answered += lane.answered;
            sent += lane.sent;
        }
        if (sent > answered) {
            statuses.merge("UNANSWERED", sent - answered, Long::sum);
        }
        if (phase.batches() > sent) {
            statuses.merge("NOT_SENT", phase.batches() - sent, Long::sum);
        }
        long accepted = statuses.getOrDefault("ACCEPTED", 0L);
        double seconds = elapsedNanos / 1e9;
        return new LoadSummary(
                phase.batchIdPrefix(),
                settings.connections(),
                settings.inFlight(),
                settings.batchSize(),
                phase.batches(),
                settings.rate(),
                answered,
                statuses,
                accepted * settings.batchSize(),
                seconds,
                answered / seconds,
                answered * (double) settings.batchSize() / seconds,
                cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9,
                new LoadSummary.Latency(
                        millis(latency.getValueAtPercentile(50)),
                        millis(latency.getValueAtPercentile(90)),
                        millis(latency.getValueAtPercentile(99)),
                        millis(latency.getValueAtPercentile(99.9)),
                        millis(latency.getMaxValue()),
                        latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1000.0),
                warmup);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private record Sent(String batchId, long nanos) {}

    /**
     * One connection: its socket, its window of batches in flight, and what its replies said in the current pass. A
     * lane that broke stays out of later passes.
     */
    private final class Lane {

        final int index;
        final Socket socket;
        final OutputStream out;
        final BufferedReader in;
        final Semaphore window = new Semaphore(settings.inFlight());
        final BlockingQueue<Sent> awaiting = new LinkedBlockingQueue<>();
        // Written by the receiving (or the exchanging) thread only, read after it was joined.
        final Histogram latencyMicros = new Histogram(3);
        final Map<String, Long> statuses = new HashMap<>();
        long answered;
        // Written by the sending (or the exchanging) thread only, read after it was joined.
        long sent;
        volatile boolean broken;

        Lane(int index) throws IOException {
            this.index = index;
            this.socket = new Socket();
            int port = settings.ports().get(index % settings.ports().size());
            socket.connect(new InetSocketAddress(settings.host(), port), 10_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(settings.replyTimeout().toMillis()));
            this.out = socket.getOutputStream();
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Called between passes, while no thread of this lane runs. */
        void resetCounts() {
            latencyMicros.reset();
            statuses.clear();
            answered = 0;
            sent = 0;
        }

        /** Sends a batch, waits for its reply, and again: for one batch in flight. */
        void exchange(Phase phase, long start) {
            try {
                long n;
                while (!broken && (n = phase.next().getAndIncrement()) < phase.batches()) {
                    String batchId = phase.batchId(n);
                    byte[] frame = frame(batchId, n);
                    pace(start, n);
                    long sentAt = System.nanoTime();
                    out.write(frame);
                    out.flush();
                    sent++;
                    String line = in.readLine();
                    long now = System.nanoTime();
                    if (line == null) {
                        broken = true;
                        log.warn("connection {} closed by the server", index);
                        return;
                    }
                    record(line, batchId, now - sentAt);
                }
            } catch (IOException e) {
                fail("exchanging", e);
            }
        }

        private void record(String line, String batchId, long nanos) {
            latencyMicros.recordValue(Math.max(1, nanos / 1000));
            statuses.merge(classify(line, batchId), 1L, Long::sum);
            answered++;
        }

        void send(Phase phase, long start) {
            try {
                long n;
                while (!broken && (n = phase.next().getAndIncrement()) < phase.batches()) {
                    String batchId = phase.batchId(n);
                    byte[] frame = frame(batchId, n);
                    pace(start, n);
                    while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (broken) {
                            // The batch is lost to the run: NOT_SENT, counted by the summary.
                            return;
                        }
                    }
                    awaiting.add(new Sent(batchId, System.nanoTime()));
                    out.write(frame);
                    out.flush();
                    sent++;
                }
            } catch (IOException e) {
                fail("sending", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                awaiting.add(END);
            }
        }

        private void pace(long start, long n) {
            if (settings.rate() > 0) {
                long due = start + (long) (n * 1e9 / settings.rate());
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
        }

        void receive() {
            try {
                Sent sent;
                while ((sent = awaiting.take()) != END) {
                    String line = broken ? null : in.readLine();
                    long now = System.nanoTime();
                    if (line == null) {
                        broken = true;
                        continue;
                    }
                    record(line, sent.batchId(), now - sent.nanos());
                    window.release();
                }
            } catch (IOException e) {
                // What was not answered is counted as UNANSWERED.
                fail("waiting for a reply", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void fail(String doing, IOException e) {
            if (!broken) {
                broken = true;
                log.warn("connection {} failed while {}: {}", index, doing, e.toString());
            }
            // Wakes the other thread of the lane: a sender blocked on the window or in a write, a blocked reader.
            window.release(settings.inFlight());
            close();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("closing connection {}: {}", index, e.toString());
            }
        }
    }

    /** The reply's outcome as a summary key; a reply for another batch means the order guarantee was broken. */
    static String classify(String line, String expectedBatchId) {
        ReplyReader.ServerReply reply;
        try {
            reply = REPLIES.read(line.getBytes(StandardCharsets.UTF_8));
        } catch (ReplyReader.UnreadableReplyException e) {
            return "UNREADABLE_REPLY";
        }
        if (!expectedBatchId.equals(reply.batchId())) {
            return "OUT_OF_ORDER";
        }
        return "REJECTED".equals(reply.status()) ? "REJECTED:" + reply.code() : reply.status();
    }
}
