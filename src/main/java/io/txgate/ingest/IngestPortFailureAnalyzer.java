package io.txgate.ingest;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a port that cannot be listened on as Spring Boot reports a taken HTTP port: what and which setting, without
 * a stack trace.
 */
class IngestPortFailureAnalyzer extends AbstractFailureAnalyzer<IngestPortException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IngestPortException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the process that listens on that port, or set txgate.server.port to a free port"
                        + " (and txgate.server.bind-address to an address of this host).",
                cause);
    }
}
