package io.txgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of a batch's content as PROTOCOL.md defines "same content": the same transactions in the same order with
 * equal values, amounts compared as numbers and timestamps as instants.
 *
 * <p>Stored with each batch, it lets a re-sent batchId be judged DUPLICATE or CONFLICT with one key lookup, whatever
 * precision the store keeps.
 */
public final class BatchFingerprint {

    // Field values never hold U+0000 (the validator refuses it), so it separates fields without ambiguity.
    private static final char FIELD = '\u0000';
    // A description may hold any other character, so whether it is there is told by a marker in front of it rather
    // than by a stand-in value that a description could also spell.
    private static final char ABSENT = '\u0001';
    private static final char PRESENT = '\u0002';
    private static final char RECORD = '\u001e';

    private BatchFingerprint() {}

    /** The fingerprint as hexadecimal text. */
    public static String of(Batch batch) {
        return HexFormat.of().formatHex(digest(batch));
    }

    /** The fingerprint as the 32 bytes of its SHA-256 digest, as the store keeps it. */
    public static byte[] digest(Batch batch) {
        var text = new StringBuilder(batch.count() * 96);
        for (Transaction tx : batch.transactions()) {
            text.append(tx.id()).append(FIELD);
            text.append(tx.account()).append(FIELD);
            text.append(tx.amount().stripTrailingZeros().toPlainString()).append(FIELD);
            text.append(tx.currency()).append(FIELD);
            text.append(tx.timestamp()).append(FIELD);
            if (tx.description() == null) {
                text.append(ABSENT);
            } else {
                text.append(PRESENT).append(tx.description());
            }
            text.append(RECORD);
        }
        return sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
