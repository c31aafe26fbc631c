package io.txgate.protocol;

/** One frame read off the wire: a body to parse, or the fact that it could not be kept. */
public sealed interface Frame {

    /** A complete frame body, without its line ending. */
    record Body(byte[] bytes) implements Frame {}

    /** A frame whose body exceeded the limit; its bytes were skipped up to the next LF. */
    record Oversized(long bytes, int limit) implements Frame {}

    /**
     * A frame within the limit that the server had no memory for (its {@link FrameMemory} refused); its bytes were
     * skipped up to the next LF.
     */
    record Overloaded(long bytes) implements Frame {}
}
