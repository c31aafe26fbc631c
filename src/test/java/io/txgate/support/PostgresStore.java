package io.txgate.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a {@code @SpringBootTest} class on PostgreSQL with the {@code postgres} profile, in a schema of its own that is
 * created before the context starts and dropped when it closes (after the class: PostgreSQL connections are not held
 * by cached contexts). Added to a subclass of an existing test class, it runs that class's tests on PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EnabledIfPostgres
@ActiveProfiles("postgres")
@DirtiesContext
@ContextCustomizerFactories(PostgresSchemaCustomizer.Factory.class)
public @interface PostgresStore {}
