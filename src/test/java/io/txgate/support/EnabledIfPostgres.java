package io.txgate.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class only where {@link TestPostgres} is reachable; elsewhere it is skipped with a warning that says
 * so, and with {@code TXGATE_REQUIRE_POSTGRES=true} (as CI sets it) it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresCondition.class)
public @interface EnabledIfPostgres {}
