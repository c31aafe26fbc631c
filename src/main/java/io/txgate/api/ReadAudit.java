package io.txgate.api;

import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per read on the logger {@code txgate.audit}: which token read, which endpoint, which account or batch, how
 * many rows. Never amounts, descriptions or any other content. The values are checked identifiers by the time they
 * get here (and token names are checked at start), so a caller cannot forge a line.
 */
final class ReadAudit {

    private static final Logger audit = LoggerFactory.getLogger("txgate.audit");

    private ReadAudit() {}

    static void batch(Principal caller, String batchId, String client, int rows) {
        if (client == null) {
            audit.info("read token={} endpoint=/api/batches/{batchId} batch={} rows={}", name(caller), batchId, rows);
        } else {
            // The subject is free text (checked for control characters): quoted, so its spaces and commas stay one
            // value.
            audit.info(
                    "read token={} endpoint=/api/batches/{batchId} batch={} client=\"{}\" rows={}",
                    name(caller),
                    batchId,
                    client,
                    rows);
        }
    }

    static void transactions(Principal caller, String account, int rows) {
        audit.info("read token={} endpoint=/api/transactions account={} rows={}", name(caller), account, rows);
    }

    static void feed(Principal caller, long after, int rows) {
        audit.info("read token={} endpoint=/api/feed after={} rows={}", name(caller), after, rows);
    }

    private static String name(Principal caller) {
        return caller == null ? "(anonymous)" : caller.getName();
    }
}
