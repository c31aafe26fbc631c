package io.txgate.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The condition behind {@link EnabledIfPostgres}. */
class PostgresCondition implements ExecutionCondition {

    private static final Logger log = LoggerFactory.getLogger(PostgresCondition.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = TestPostgres.unreachableReason();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestPostgres.URL);
        }
        if (TestPostgres.required()) {
            throw new IllegalStateException("TXGATE_REQUIRE_POSTGRES=true, but PostgreSQL is not reachable at "
                    + TestPostgres.URL + ": " + problem);
        }
        String reason = "PostgreSQL not reachable at " + TestPostgres.URL + " (" + problem + "), skipping";
        if (context.getTestMethod().isEmpty()) {
            log.warn("{}: {}", context.getDisplayName(), reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
