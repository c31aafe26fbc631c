package io.txgate.ingest;

import io.txgate.protocol.Frame;
import java.util.List;

/**
 * The frames one read of a connection produced: the frame it waited for plus those a pipelining client had already
 * sent behind it. They are handled together so that their batches reach the store together, and answered in order.
 */
record FrameBurst(List<Frame> frames) {

    FrameBurst {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a burst holds at least one frame");
        }
        frames = List.copyOf(frames);
    }

    static FrameBurst of(Frame frame) {
        return new FrameBurst(List.of(frame));
    }
}
