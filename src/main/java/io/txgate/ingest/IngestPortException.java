package io.txgate.ingest;

import io.txgate.Loopback;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The ingest port cannot be listened on; start-up stops with this (see {@link IngestPortFailureAnalyzer}). */
class IngestPortException extends IllegalStateException {

    IngestPortException(String message) {
        super(message);
    }

    IngestPortException(String message, Throwable cause) {
        super(message, cause);
    }

    static IngestPortException bindFailed(String address, int port, Exception cause) {
        String where = where(address, port);
        String why = cause instanceof BindException
                        && String.valueOf(cause.getMessage()).contains("in use")
                ? "TCP ingest port " + port + " is already in use (" + where + ", txgate.server.port)"
                : "cannot listen on " + where + " for TCP ingest: " + cause.getMessage()
                        + " (txgate.server.port, txgate.server.bind-address)";
        return new IngestPortException(why, cause);
    }

    /** {@code 127.0.0.1:9400}, {@code [::1]:9400}, or the name as configured when it does not resolve. */
    private static String where(String address, int port) {
        if (address == null) {
            return "*:" + port;
        }
        try {
            return Loopback.withPort(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            return address + ":" + port;
        }
    }
}
