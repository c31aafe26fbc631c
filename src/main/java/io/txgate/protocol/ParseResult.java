package io.txgate.protocol;

/** What parsing one frame body gave: a valid batch, or the rejection to send back. */
public sealed interface ParseResult {

    record Valid(Batch batch) implements ParseResult {}

    /** @param batchId the batch's id when it could be read and is itself valid, else null */
    record Invalid(String batchId, ErrorCode code, String message) implements ParseResult {

        public Reply reply() {
            return Reply.rejected(batchId, code, message);
        }
    }
}
