package io.txgate.protocol;

/**
 * Where a {@link FrameReader} gets the memory for the bytes of a frame it holds, so that a server can bound what its
 * clients make it buffer. The reader asks before every buffer it allocates and gives each back once it is dropped; a
 * frame whose memory is refused is skipped up to its LF and comes out as {@link Frame.Overloaded}.
 */
public interface FrameMemory {

    /** Grants everything: for readers whose input is trusted or already bounded (clients, tests). */
    FrameMemory UNBOUNDED = new FrameMemory() {
        @Override
        public boolean reserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {}
    };

    /**
     * Takes {@code bytes} more. May wait for room (the reader then stops reading, which is back-pressure on the
     * sender).
     *
     * @return false when the bytes cannot be had; nothing was taken then
     */
    boolean reserve(long bytes);

    /** Gives back bytes taken before. */
    void release(long bytes);
}
