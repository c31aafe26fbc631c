package io.txgate.api;

import io.txgate.store.StoredBatchRepository;
import io.txgate.store.StoredTransaction;
import io.txgate.store.StoredTransactionRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only HTTP access to what was stored: one batch by id, or an account's transactions page by page. */
@RestController
@Profile("server")
class ReadApiController {

    static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final StoredBatchRepository batches;
    private final StoredTransactionRepository transactions;

    ReadApiController(StoredBatchRepository batches, StoredTransactionRepository transactions) {
        this.batches = batches;
        this.transactions = transactions;
    }

    @GetMapping("/api/batches/{batchId}")
    BatchView batch(@PathVariable String batchId) {
        var batch = batches.findById(batchId)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "batchId: no batch '" + batchId + "' is stored"));
        return BatchView.of(batch, transactions.findByBatchIdOrderBySeq(batchId));
    }

    /**
     * An account's transactions with {@code from <= timestamp < to}, newest first. The account is required: the
     * store indexes transactions by account and time, and an unfiltered scan is not something to offer over HTTP.
     */
    @GetMapping("/api/transactions")
    TransactionPage transactions(
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        if (account == null || account.isBlank()) {
            throw new BadRequestException("account: required");
        }
        Instant start = instant("from", from, EARLIEST);
        Instant end = instant("to", to, LATEST);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from: must be before to");
        }
        int size = limit(limit);
        // One row more than asked tells whether another page follows.
        Limit fetch = Limit.of(size + 1);
        List<StoredTransaction> rows;
        if (cursor == null || cursor.isEmpty()) {
            rows = transactions.findPage(account, start, end, fetch);
        } else {
            var after = PageCursor.decode(cursor);
            rows = transactions.findPageAfter(account, start, after.occurredAt(), after.batchId(), after.seq(), fetch);
        }
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        String next = more ? PageCursor.after(page.get(page.size() - 1)).encode() : null;
        return new TransactionPage(page.stream().map(TransactionView::of).toList(), next);
    }

    private static Instant instant(String name, String value, Instant absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    name + ": must be an RFC 3339 date-time with offset, such as 2026-11-25T10:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message as an out-of-range number
        }
        throw new BadRequestException("limit: must be a whole number from 1 to " + MAX_LIMIT);
    }
}
