package io.txgate.client;

/** Ends the process when a counted run is over; tests replace it so that the JVM survives. */
@FunctionalInterface
interface ClientExit {

    /** @param code 0 when every batch was acknowledged, 1 when the server rejected some */
    void exit(int code);
}
