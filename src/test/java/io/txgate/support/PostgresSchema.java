package io.txgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL schema for a test class that starts its servers itself ({@link TestServers}, {@link
 * ServerProcess}); {@link PostgresStore} does the same for a Spring test context. Registered with
 * {@code @RegisterExtension} on a static field, the schema lives for the class; on an instance field, for each test.
 *
 * <p>JUnit runs an extension's before-callbacks ahead of the class's own {@code @BeforeAll}/{@code @BeforeEach} and its
 * after-callbacks behind {@code @AfterAll}/{@code @AfterEach}: the schema exists before the servers start and is
 * dropped only after the test has closed them.
 */
public final class PostgresSchema
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private boolean perClass;
    private String name;

    /** The schema's name, for schema-qualified SQL and {@link TestServers#startOnPostgres}. */
    public String name() {
        if (name == null) {
            throw new IllegalStateException("The schema exists only while a test of its class runs");
        }
        return name;
    }

    /** The JDBC URL whose connections work in this schema. */
    public String url() {
        return TestPostgres.urlFor(name());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        create(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            create(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            drop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    private void create(ExtensionContext context) {
        name = TestPostgres.createSchema(context.getRequiredTestClass().getSimpleName());
    }

    private void drop() {
        if (name != null) {
            TestPostgres.dropSchema(name);
            name = null;
        }
    }
}
