package io.txgate.api;

import io.txgate.store.StoredBatch;
import io.txgate.store.StoredBatchRepository;
import io.txgate.store.StoredInstant;
import io.txgate.store.StoredTransaction;
import io.txgate.store.StoredTransactionRepository;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Profile;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
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

    /**
     * One batch. A batchId is unique per client identity, so two clients may have used the same one: {@code client}
     * names the identity (its certificate subject; empty for clients without a certificate). Without it the batch is
     * found if exactly one identity stored that batchId.
     */
    @GetMapping("/api/batches/{batchId}")
    BatchView batch(@PathVariable String batchId, @RequestParam(required = false) String client, Principal caller) {
        ReadParameters.identifier("batchId", batchId);
        ReadParameters.clientSubject("client", client);
        StoredBatch batch;
        try {
            batch = chooseBatch(batchId, client, batches.findByBatchId(batchId));
        } catch (ResponseStatusException notFoundOrAmbiguous) {
            ReadAudit.batch(caller, batchId, client, 0);
            throw notFoundOrAmbiguous;
        }
        List<StoredTransaction> rows = transactions.findRows(batch.getFirstRow(), batch.getEndRow());
        ReadAudit.batch(caller, batchId, client, rows.size());
        return BatchView.of(batch, rows);
    }

    private static StoredBatch chooseBatch(String batchId, String client, List<StoredBatch> stored) {
        if (client != null) {
            String subject = client.isEmpty() ? null : client;
            return stored.stream()
                    .filter(batch -> Objects.equals(batch.getClientId(), subject))
                    .findFirst()
                    .orElseThrow(() -> new ResponseStatusException(
                            HttpStatus.NOT_FOUND,
                            "batchId: no batch '" + batchId + "' is stored for "
                                    + (subject == null
                                            ? "clients without a certificate"
                                            : "client '" + subject + "'")));
        }
        if (stored.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "batchId: no batch '" + batchId + "' is stored");
        }
        if (stored.size() > 1) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "client: " + stored.size() + " clients stored a batch '" + batchId + "'; name one with the client"
                            + " parameter (its certificate subject, empty for clients without a certificate)");
        }
        return stored.get(0);
    }

    /**
     * An account's transactions with {@code from <= timestamp < to}, newest first. The account is required: the
     * store indexes transactions by account and time, and an unfiltered scan is not something to offer over HTTP.
     */
    @GetMapping("/api/transactions")
    TransactionPage transactions(
            @RequestParam(required = false) String account,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(required = false) Integer limit,
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
        long fromMicros = StoredInstant.micros(start);
        int fromNanos = StoredInstant.nanos(start);
        if (cursor == null || cursor.isEmpty()) {
            rows = transactions.findPage(
                    account, fromMicros, fromNanos, StoredInstant.micros(end), StoredInstant.nanos(end), fetch);
        } else {
            var after = PageCursor.decode(cursor);
            rows = transactions.findPageAfter(
                    account, fromMicros, fromNanos, after.occurredMicros(), after.occurredNanos(), after.row(), fetch);
        }
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        String next = more ? PageCursor.after(page.get(page.size() - 1)).encode() : null;
        Map<Long, StoredBatch> batchOf = new HashMap<>();
        batches.findByBatchNoIn(
                        page.stream().map(StoredTransaction::getBatchRow).collect(Collectors.toSet()))
                .forEach(batch -> batchOf.put(batch.getFirstRow(), batch));
        ReadAudit.transactions(caller, account, page.size());
        return new TransactionPage(
                page.stream()
                        .map(tx -> TransactionView.of(tx, batchOf.get(tx.getBatchRow())))
                        .toList(),
                next);
    }

    private static int limit(Integer value) {
        if (value == null) {
            return 100;
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw new BadRequestException(ReadParameters.LIMIT_RULE);
        }
        return value;
    }

    /**
     * A parameter that does not convert to its type (a limit that is no number, a date-time that is none): the same
     * 400 as any other broken rule, with the rule in our words instead of the converter's.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail parameterOfTheWrongType(MethodArgumentTypeMismatchException mismatch) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ReadParameters.typeRule(mismatch.getName()));
    }
}
