package io.txgate.protocol;

/** Why a frame was rejected; each code tells the client what to do next (see PROTOCOL.md). */
public enum ErrorCode {
    /** Not UTF-8, not JSON, or not a JSON object: fix the client. */
    MALFORMED,
    /** A field breaks a rule: fix the data. */
    INVALID,
    /** Frame or batch over the limit: split the batch. */
    TOO_LARGE,
    /** The batchId was stored before with different content: use a new batchId. */
    CONFLICT,
    /** The server cannot store now: retry later with the same batchId. */
    UNAVAILABLE
}
