package io.txgate.client;

import java.util.concurrent.CompletableFuture;

/** Records the exit code of a counted run instead of ending the JVM. */
final class RecordingExit implements ClientExit {

    private final CompletableFuture<Integer> code = new CompletableFuture<>();

    @Override
    public void exit(int exitCode) {
        if (!code.complete(exitCode)) {
            throw new IllegalStateException("exit requested twice");
        }
    }

    boolean fired() {
        return code.isDone();
    }

    int code() {
        return code.join();
    }
}
