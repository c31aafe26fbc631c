package io.txgate.ops;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP server of every profile that has one: Spring Boot's Tomcat, but on loopback by default
 * ({@link LoopbackTomcatServletWebServerFactory}). Declared as Spring Boot's auto-configuration declares its own, which
 * then backs off; customizer beans and {@code server.*} settings apply as usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HttpListenerConfiguration {

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory(
            ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
            ObjectProvider<TomcatContextCustomizer> contextCustomizers,
            ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        var factory = new LoopbackTomcatServletWebServerFactory();
        factory.getConnectorCustomizers()
                .addAll(connectorCustomizers.orderedStream().toList());
        factory.getContextCustomizers()
                .addAll(contextCustomizers.orderedStream().toList());
        factory.getProtocolHandlerCustomizers()
                .addAll(protocolHandlerCustomizers.orderedStream().toList());
        return factory;
    }
}
