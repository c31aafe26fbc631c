package io.txgate.protocol;

import java.io.EOFException;

/** The peer closed the stream in the middle of a frame; the partial frame is discarded, never answered. */
public class TruncatedFrameException extends EOFException {

    public TruncatedFrameException(long bytesRead) {
        super("stream ended after " + bytesRead + " bytes of an unterminated frame");
    }
}
