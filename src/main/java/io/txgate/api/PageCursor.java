package io.txgate.api;

import io.txgate.store.StoredTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the sort key of its last row (its instant as the store keeps it, and its position). Opaque to
 * clients (URL-safe base64), so its form may change without breaking them.
 */
record PageCursor(long occurredMicros, int occurredNanos, long row) {

    private static final String NOT_OURS = "cursor: not a cursor returned by this API";

    static PageCursor after(StoredTransaction last) {
        return new PageCursor(last.getOccurredMicros(), last.getOccurredNanos(), last.getRow());
    }

    String encode() {
        String text = occurredMicros + "|" + occurredNanos + "|" + row;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor, or a 400 for anything this API did not hand out (also cursors of the store's earlier format). */
    static PageCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 3) {
                throw new BadRequestException(NOT_OURS);
            }
            var decoded =
                    new PageCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            if (decoded.occurredNanos < 0 || decoded.occurredNanos > 999 || decoded.row < 1) {
                throw new BadRequestException(NOT_OURS);
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            // Base64 and number parsing both throw IllegalArgumentException (NumberFormatException is one).
            throw new BadRequestException(NOT_OURS);
        }
    }
}
