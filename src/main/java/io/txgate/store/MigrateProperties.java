package io.txgate.store;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SQLite-to-PostgreSQL copy ({@code migrate-sqlite} profile).
 *
 * @param from the SQLite database file to copy from; required in that profile, checked when the copy starts
 * @param chunkSize batches copied per PostgreSQL transaction
 */
@Validated
@ConfigurationProperties("txgate.migrate")
public record MigrateProperties(
        String from, @DefaultValue("500") @Min(1) int chunkSize) {}
