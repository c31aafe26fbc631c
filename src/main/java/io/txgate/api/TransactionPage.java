package io.txgate.api;

import java.util.List;

/** One page of an account's transactions, newest first; {@code nextCursor} is null on the last page. */
record TransactionPage(List<TransactionView> transactions, String nextCursor) {}
