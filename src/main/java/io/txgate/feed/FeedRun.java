package io.txgate.feed;

import java.io.IOException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link FeedFollower} on a thread of its own while the process lives. It ends the process with exit code 2
 * when the run cannot go on (a refused token, an output that cannot be written); a stop (SIGTERM) lets the page being
 * written finish, so the file ends with a complete line.
 */
final class FeedRun implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedRun.class);

    /** Opens the output; may fail, which ends the run. */
    @FunctionalInterface
    interface OutputOpener {
        FeedOutput open() throws IOException;
    }

    private final FeedFollower follower;
    private final OutputOpener opener;
    private final IntConsumer exit;
    private volatile Thread thread;

    FeedRun(FeedFollower follower, OutputOpener opener, IntConsumer exit) {
        this.follower = follower;
        this.opener = opener;
        this.exit = exit;
    }

    @Override
    public void start() {
        var run = new Thread(this::follow, "txgate-feed-consumer");
        thread = run;
        run.start();
    }

    private void follow() {
        FeedFollower.End end;
        try (FeedOutput output = opener.open()) {
            end = follower.run(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            log.error("the feed consumer stops: {}", e.getMessage(), e);
            end = FeedFollower.End.FATAL;
        }
        if (end == FeedFollower.End.FATAL) {
            exit.accept(2);
        }
    }

    @Override
    public void stop() {
        follower.stop();
        Thread run = thread;
        if (run != null && run != Thread.currentThread()) {
            try {
                // The follower abandons its long poll at once; what is left is at most the page being written.
                run.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
