package io.txgate.http;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The same header deadline and body refusal on the management port's own Tomcat, which Spring Boot builds in a child context
 * that does not see the API port's customizers. Listed in
 * META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports, and
 * deliberately not a {@code @Configuration}: component scanning must not put it into the main context as well.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
class ManagementServerLimits {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementRequestLimits(HttpProperties properties) {
        return factory -> HttpServerConfiguration.requestLimits(factory, properties);
    }
}
