package io.txgate.ingest;

import io.txgate.protocol.Frame;
import io.txgate.protocol.Reply;

/**
 * Hears about every frame the ingest flow handles, so that metrics can be kept outside the flow. Called on the
 * connection's thread; implementations must be fast and must not throw.
 */
public interface FrameObserver {

    /** Does nothing; used when no observer is configured. */
    FrameObserver NONE = new FrameObserver() {
        @Override
        public void received(Frame frame) {}

        @Override
        public void answered(Reply reply, long nanos) {}
    };

    /** A frame was read off a connection and is about to be handled. */
    void received(Frame frame);

    /** The reply to that frame is ready to be written, {@code nanos} after {@link #received}. */
    void answered(Reply reply, long nanos);
}
