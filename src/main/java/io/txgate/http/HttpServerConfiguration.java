package io.txgate.http;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API port's Tomcat: a deadline on each request's head ({@link DeadlineHttp11NioProtocol}) and no request bodies
 * ({@link RequestBodyRefusalValve}). {@link ManagementServerLimits} does the same for the management port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
class HttpServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestLimits(HttpProperties properties) {
        return factory -> requestLimits(factory, properties);
    }

    static void requestLimits(TomcatServletWebServerFactory factory, HttpProperties properties) {
        factory.addEngineValves(new RequestBodyRefusalValve());
        factory.setProtocol(DeadlineHttp11NioProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> ((DeadlineHttp11NioProtocol) connector.getProtocolHandler())
                .setHeaderDeadlineMillis(properties.headerDeadline().toMillis()));
    }
}
