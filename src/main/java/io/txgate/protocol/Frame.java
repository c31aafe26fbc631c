package io.txgate.protocol;

/** One frame read off the wire: either a body to parse, or the fact that it was too long to keep. */
public sealed interface Frame {

    /** A complete frame body, without its line ending. */
    record Body(byte[] bytes) implements Frame {}

    /** A frame whose body exceeded the limit; its bytes were skipped up to the next LF. */
    record Oversized(long bytes, int limit) implements Frame {}
}
