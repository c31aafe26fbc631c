package io.txgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Transaction batch ingest: TCP in, SQLite (or PostgreSQL) out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TxgateApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(TxgateApplication.class);
        application.addListeners(new ModeCheck());
        application.run(args);
    }
}
