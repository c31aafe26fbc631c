package io.txgate.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.store.StoreFeed;
import java.security.Principal;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The change feed: every stored transaction once, in position order, for consumers that follow the store
 * (docs/api.md, "Change feed"). A consumer asks {@code after=<the next of its previous answer>}; with {@code wait} the
 * request is held until something new is final or the wait ends.
 */
@RestController
@Profile("server")
class FeedController {

    /** Spring MVC's own limit on a held request, past ours: only reached if an answer were lost. */
    private static final Duration HOLD_MARGIN = Duration.ofSeconds(10);

    private final FeedWaits waits;

    FeedController(FeedWaits waits) {
        this.waits = waits;
    }

    @GetMapping("/api/feed")
    DeferredResult<FeedPage> feed(
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String wait,
            @RequestParam(required = false) String consumer,
            Principal caller) {
        long from = FeedParameters.after(after);
        int size = FeedParameters.limit(limit);
        Duration hold = FeedParameters.waitTime(wait);
        String name = FeedParameters.consumer(consumer);
        var result = new DeferredResult<FeedPage>(hold.plus(HOLD_MARGIN).toMillis());
        var request = new FeedWaits.Request(
                from,
                size,
                hold,
                name,
                page -> {
                    ReadAudit.feed(caller, from, page.transactions().size());
                    result.setResult(page);
                },
                result::setErrorResult);
        result.onCompletion(() -> waits.forget(request));
        result.onError(failure -> waits.forget(request));
        waits.serve(request);
        return result;
    }

    /** The feed's parts; the writer finds {@link FeedWaits} as a {@link io.txgate.store.CommitObserver}. */
    @Configuration(proxyBeanMethods = false)
    @Profile("server")
    static class FeedConfiguration {

        @Bean
        FeedMetrics feedMetrics(MeterRegistry registry) {
            return new FeedMetrics(registry);
        }

        @Bean
        FeedWaits feedWaits(StoreFeed store, FeedMetrics metrics, FeedServerProperties properties) {
            return new FeedWaits(store, metrics, properties.recheckInterval());
        }
    }
}
