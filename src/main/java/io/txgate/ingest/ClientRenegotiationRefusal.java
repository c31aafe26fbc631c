package io.txgate.ingest;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the JDK refuse TLS renegotiation that a client starts (TLS 1.2 only; 1.3 has none). Each renegotiation costs
 * the server a full handshake's CPU while the client spends next to nothing, so a few clients can keep cores busy.
 *
 * <p>The JDK reads {@value #PROPERTY} once, when its server handshake class initialises at the first server-side
 * handshake in the JVM; set later, it has no effect. An environment post-processor (registered in
 * {@code META-INF/spring.factories}) runs at the very start of every Spring application, before Tomcat or the ingest
 * listener exist, in the packaged jar and in tests alike. A value the operator set on the command line is left alone;
 * {@link IngestTls} warns when it is not {@code true}.
 */
class ClientRenegotiationRefusal implements EnvironmentPostProcessor {

    static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        apply();
    }

    /** Sets the JDK property unless it is set already; call before the first server-side TLS handshake. */
    static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
