package io.txgate.api;

import io.txgate.store.FeedRow;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One answer of the change feed: transactions in position order, and the position to ask for next ({@code after} of
 * the next request). {@code next} equals the request's {@code after} when nothing new was final. Written as JSON by
 * {@link FeedPageSerializer}.
 */
@JsonSerialize(using = FeedPageSerializer.class)
record FeedPage(List<FeedRow> transactions, long next) {}
