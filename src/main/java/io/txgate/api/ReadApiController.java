package io.txgate.api;

import io.txgate.store.StoredBatchRepository;
import io.txgate.store.StoredTransaction;
import io.txgate.store.StoredTransactionRepository;
import java.security.Principal;
import java.time.Instant;
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

    private final StoredBatchRepository batches;
    private final StoredTransactionRepository transactions;

    ReadApiController(StoredBatchRepository batches, StoredTransactionRepository transactions) {
        this.batches = batches;
        this.transactions = transactions;
    }

    @GetMapping("/api/batches/{batchId}")
    BatchView batch(@PathVariable String batchId, Principal caller) {
        ReadParameters.identifier("batchId", batchId);
        var batch = batches.findById(batchId);
        if (batch.isEmpty()) {
            ReadAudit.batch(caller, batchId, 0);
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "batchId: no batch '" + batchId + "' is stored");
        }
        var rows = transactions.findByBatchIdOrderBySeq(batchId);
        ReadAudit.batch(caller, batchId, rows.size());
        return BatchView.of(batch.get(), rows);
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
            @RequestParam(required = false) String cursor,
            Principal caller) {
        ReadParameters.identifier("account", account);
        Instant start = ReadParameters.instant("from", from, ReadParameters.EARLIEST);
        Instant end = ReadParameters.instant("to", to, ReadParameters.LATEST);
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
        ReadAudit.transactions(caller, account, page.size());
        return new TransactionPage(page.stream().map(TransactionView::of).toList(), next);
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
