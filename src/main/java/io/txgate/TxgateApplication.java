package io.txgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Transaction batch ingest: TCP in, SQLite (or PostgreSQL) out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TxgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(TxgateApplication.class, args);
    }
}
