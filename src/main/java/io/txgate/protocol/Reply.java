package io.txgate.protocol;

/**
 * The one reply frame sent for each request frame.
 *
 * @param batchId the batch's id, or null when it could not be read
 * @param count the number of transactions stored, for ACCEPTED and DUPLICATE
 * @param error why the batch was rejected, for REJECTED
 */
public record Reply(String batchId, Status status, Integer count, Error error) {

    /** Outcome of a batch. */
    public enum Status {
        ACCEPTED,
        DUPLICATE,
        REJECTED
    }

    /** A rejection reason; {@code message} names the failing field where there is one. */
    public record Error(ErrorCode code, String message) {}

    public static Reply accepted(String batchId, int count) {
        return new Reply(batchId, Status.ACCEPTED, count, null);
    }

    public static Reply duplicate(String batchId, int count) {
        return new Reply(batchId, Status.DUPLICATE, count, null);
    }

    public static Reply rejected(String batchId, ErrorCode code, String message) {
        return new Reply(batchId, Status.REJECTED, null, new Error(code, message));
    }

    public boolean acknowledged() {
        return status != Status.REJECTED;
    }
}
