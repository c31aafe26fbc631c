package io.txgate.ingest;

/** What happens when the ingest accept loop ends without being asked to; tests replace it so the JVM survives. */
@FunctionalInterface
interface ListenerFailure {

    /**
     * @param where the address and port that no longer accept
     * @param reason what ended the accept loop
     */
    void listenerStopped(String where, String reason);
}
