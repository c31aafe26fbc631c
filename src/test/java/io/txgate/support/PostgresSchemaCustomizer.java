package io.txgate.support;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at a fresh PostgreSQL schema and drops the schema after the context closed, when every bean,
 * the store's writer and the connection pool included, is gone. One per test class, so no two classes share a context.
 */
record PostgresSchemaCustomizer(Class<?> testClass) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        String schema = TestPostgres.createSchema(testClass.getSimpleName());
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "postgresTestSchema",
                        Map.of(
                                "spring.datasource.url", TestPostgres.urlFor(schema),
                                "spring.datasource.username", TestPostgres.USER,
                                "spring.datasource.password", TestPostgres.PASSWORD)));
        // Disposable beans are destroyed in reverse order of registration: registered before all others, this one
        // runs last.
        ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("postgresTestSchemaDrop", () -> TestPostgres.dropSchema(schema));
    }

    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new PostgresSchemaCustomizer(testClass);
        }
    }
}
