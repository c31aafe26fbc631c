package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the group commit sends to the driver, counted at the JDBC level: each table's rows as one batch per group, one
 * lookup per group, and no statement per row.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "txgate.store.max-group-wait=1s",
            "txgate.store.max-group-rows=50000",
            // The idle writer's health probe is a statement of its own; keep it out of the count.
            "txgate.store.probe-interval=1h"
        })
// The context's writer works on this class's temporary folder: it must end with the class, not stay cached.
@DirtiesContext
class JdbcBatchingTests {

    /** Calls per "statement kind: method", e.g. "insert into transactions: addBatch". */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @TempDir
    static Path dataDir;

    @Autowired
    BatchStore store;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txgate.store.path", () -> dataDir.resolve("txgate.db").toString());
    }

    @Test
    void groupWhenCommittedShouldSendEachTablesRowsAsOneJdbcBatch() {
        CALLS.clear();
        var outcomes = new ArrayList<CompletableFuture<StoreOutcome>>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(store.store(GroupCommitTests.batch("jdbc-" + i, "ACC-" + i, 50), null));
        }
        outcomes.forEach(outcome -> assertThat(outcome.join()).isEqualTo(new StoreOutcome.Stored(50)));

        assertThat(calls("insert into transactions: addBatch")).isEqualTo(500);
        assertThat(calls("insert into transactions: executeBatch")).isEqualTo(1);
        assertThat(calls("insert into batches: addBatch")).isEqualTo(10);
        assertThat(calls("insert into batches: executeBatch")).isEqualTo(1);
        assertThat(calls("select: executeQuery"))
                .as("one dedup lookup, no per-row selects")
                .isEqualTo(1);
        assertThat(CALLS.keySet())
                .as("no statement executed row by row")
                .noneMatch(call -> call.endsWith("executeUpdate") || call.endsWith(": execute"));
    }

    private static int calls(String call) {
        AtomicInteger count = CALLS.get(call);
        return count == null ? 0 : count.get();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {

        /** Wraps the pool so every statement it hands out is counted; the pool itself stays a HikariDataSource. */
        @Bean
        static BeanPostProcessor countStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof HikariDataSource)) {
                        return bean;
                    }
                    var factory = new ProxyFactory(bean);
                    factory.setProxyTargetClass(true);
                    factory.addAdvice((MethodInterceptor) invocation -> {
                        Object result = invocation.proceed();
                        return result instanceof Connection connection ? counting(connection) : result;
                    });
                    return factory.getProxy();
                }
            };
        }

        static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    JdbcBatchingTests.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(connection, method, args);
                        if (result instanceof PreparedStatement statement
                                && args != null
                                && args[0] instanceof String sql) {
                            return counting(statement, kind(sql));
                        }
                        return result;
                    });
        }

        static PreparedStatement counting(PreparedStatement statement, String kind) {
            return (PreparedStatement) Proxy.newProxyInstance(
                    JdbcBatchingTests.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.startsWith("execute") || name.equals("addBatch")) {
                            String counted = name.equals("executeLargeBatch") ? "executeBatch" : name;
                            CALLS.computeIfAbsent(kind + ": " + counted, key -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        return invoke(statement, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static String kind(String sql) {
            String text = sql.strip().toLowerCase(Locale.ROOT);
            for (String table : new String[] {"batches", "transactions"}) {
                if (text.startsWith("insert into " + table + " ")) {
                    return "insert into " + table;
                }
            }
            return text.startsWith("select") ? "select" : text;
        }
    }
}
