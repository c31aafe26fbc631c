package io.txgate.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.ingest.ConnectionActivity;
import io.txgate.ingest.IngestProperties;
import io.txgate.store.StoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The status page's sampler, in every process with an HTTP server (server, client, both). The page itself is served
 * on the management port by {@link StatusPageRoutes}; this context only keeps the numbers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class StatusConfiguration {

    private static final String UNKNOWN = "unknown";

    @Bean
    StatusSampler statusSampler(
            MeterRegistry registry,
            ObjectProvider<ConnectionActivity> activity,
            ObjectProvider<IngestProperties> ingest,
            ObjectProvider<StoreProperties> store,
            ObjectProvider<BuildProperties> build,
            ObjectProvider<GitProperties> git) {
        IngestProperties ingestProperties = ingest.getIfAvailable();
        StoreProperties storeProperties = store.getIfAvailable();
        var limits = new StatusSampler.Limits(
                ingestProperties == null ? 0 : ingestProperties.maxConnections(),
                storeProperties == null ? 0 : storeProperties.maxQueuedRows());
        BuildProperties buildProperties = build.getIfAvailable();
        GitProperties gitProperties = git.getIfAvailable();
        var version = new StatusSampler.Build(
                buildProperties == null || buildProperties.getVersion() == null
                        ? UNKNOWN
                        : buildProperties.getVersion(),
                gitProperties == null || gitProperties.getShortCommitId() == null
                        ? UNKNOWN
                        : gitProperties.getShortCommitId());
        return new StatusSampler(registry, activity.getIfAvailable(), limits, version);
    }

    /** Samples once a second from start, so the chart has history when someone first opens the page. */
    @Bean
    SamplingTimer statusSamplingTimer(StatusSampler statusSampler) {
        return new SamplingTimer(statusSampler);
    }
}
