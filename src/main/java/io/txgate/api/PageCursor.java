package io.txgate.api;

import io.txgate.store.StoredTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page ended: the sort key of its last row. Opaque to clients (URL-safe base64), so its form may change
 * without breaking them.
 */
record PageCursor(Instant occurredAt, String batchId, int seq) {

    static PageCursor after(StoredTransaction last) {
        return new PageCursor(last.getOccurredAt(), last.getBatchId(), last.getSeq());
    }

    String encode() {
        String text = occurredAt + "|" + seq + "|" + batchId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page returned; anything else (forged, cut, from another server version) is a 400. */
    static PageCursor decode(String cursor) {
        PageCursor decoded;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 3);
            if (parts.length != 3) {
                throw notACursor();
            }
            decoded = new PageCursor(Instant.parse(parts[0]), parts[2], Integer.parseInt(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw notACursor();
        }
        // Parsed is not enough: each part goes into the query, so each must be something a page could have ended on.
        if (!ReadParameters.inRange(decoded.occurredAt())
                || decoded.seq() < 0
                || !ReadParameters.isIdentifier(decoded.batchId())) {
            throw notACursor();
        }
        return decoded;
    }

    private static BadRequestException notACursor() {
        return new BadRequestException("cursor: not a cursor returned by this API");
    }
}
