package io.txgate.api;

import java.util.List;

/**
 * One answer of the change feed: transactions in position order, and the position to ask for next ({@code after} of
 * the next request). {@code next} equals the request's {@code after} when nothing new was final.
 */
record FeedPage(List<FeedTransaction> transactions, long next) {}
