package io.txgate.ingest;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TLS on the TCP ingest endpoint.
 *
 * @param bundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.jks.NAME} or {@code .pem.NAME}) holding
 *     the server's key and certificate, and for client authentication the trust store; unset means plain TCP
 * @param clientAuth whether clients must present a certificate signed by the bundle's trust store
 * @param handshakeTimeout longest a client may take to finish the TLS handshake before it is disconnected
 */
@Validated
@ConfigurationProperties("txgate.server.ssl")
public record IngestTlsProperties(
        String bundle,
        @DefaultValue("none") @NotNull ClientAuth clientAuth,

        @DefaultValue("10s") @NotNull @DurationMin(millis = 1)
        Duration handshakeTimeout) {

    boolean enabled() {
        return bundle != null && !bundle.isBlank();
    }

    /** Client certificates: not asked for, asked for but optional, or required. */
    public enum ClientAuth {
        NONE,
        WANT,
        NEED
    }
}
