package io.txgate.ingest;

import java.net.BindException;

/** The ingest port cannot be listened on; start-up stops with this (see {@link IngestPortFailureAnalyzer}). */
class IngestPortException extends IllegalStateException {

    IngestPortException(String message) {
        super(message);
    }

    IngestPortException(String message, Throwable cause) {
        super(message, cause);
    }

    static IngestPortException bindFailed(String address, int port, Exception cause) {
        String where = (address == null ? "0.0.0.0" : address) + ":" + port;
        String why = cause instanceof BindException
                        && String.valueOf(cause.getMessage()).contains("in use")
                ? "TCP ingest port " + port + " is already in use (" + where + ", txgate.server.port)"
                : "cannot listen on " + where + " for TCP ingest: " + cause.getMessage()
                        + " (txgate.server.port, txgate.server.bind-address)";
        return new IngestPortException(why, cause);
    }
}
