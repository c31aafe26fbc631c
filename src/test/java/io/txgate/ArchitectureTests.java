package io.txgate;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which feature package of the production code may use which (docs/development.md, "Who may use whom"). The rules say
 * what is true today and keep it: the wire format ({@code protocol}) stands alone, so the server, the client and the
 * benchmark's tools share one codec; the client never reaches into the server's store or ingest; the read API reads
 * the store, never the ingest path. {@code io.txgate} itself holds the application class and two small helpers
 * ({@link Loopback}, {@link PrivateFiles}) that several features share.
 *
 * <p>ArchUnit's core library from plain JUnit tests (its JUnit 5 engine is not needed). A rule that fails names each
 * offending class and the dependency.
 */
class ArchitectureTests {

    private static final String ROOT = "io.txgate";

    /** The production classes (target/classes), found from where the application class was loaded. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter().importPath(productionClasses());

    @Test
    void protocolShouldUseNothingOfOurs() {
        mayOnlyUse("protocol").check(PRODUCTION);
    }

    @Test
    void storeShouldUseOnlyTheProtocol() {
        mayOnlyUse("store", "protocol", ROOT).check(PRODUCTION);
    }

    @Test
    void ingestShouldUseOnlyTheProtocolAndTheStore() {
        mayOnlyUse("ingest", "protocol", "store", ROOT).check(PRODUCTION);
    }

    @Test
    void readApiShouldUseTheStoreAndNotTheIngestPath() {
        mayOnlyUse("api", "store").check(PRODUCTION);
    }

    @Test
    void clientShouldUseOnlyTheProtocol() {
        mayOnlyUse("client", "protocol", ROOT).check(PRODUCTION);
    }

    @Test
    void feedConsumerShouldUseNothingOfTheServer() {
        // It follows a server over HTTP only: its JSON is the API's contract, not the API's classes.
        mayOnlyUse("feed", ROOT).check(PRODUCTION);
    }

    @Test
    void statusPageShouldOnlyObserve() {
        // It reads meters and the ingest side's small in-memory views (recent rejections, open identities); it
        // never reads stored transactions, so it cannot become a way around the read API's credentials.
        mayOnlyUse("status", "ingest", "store", "client", ROOT).check(PRODUCTION);
    }

    @Test
    void httpSecurityShouldUseNothingOfOurs() {
        mayOnlyUse("http").check(PRODUCTION);
    }

    @Test
    void operationsShouldUseOnlyWhatTheyObserve() {
        mayOnlyUse("ops", "ingest", "store", "protocol", ROOT).check(PRODUCTION);
    }

    @Test
    void noFeatureShouldUseTheBenchmarkTools() {
        // The tools are test sources (src/test/java/io/txgate/bench), so the compiler keeps production code off them;
        // the rule says so where the rules are read, and holds if someone moves them back.
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".bench..")
                .because("the benchmark harness is not part of the product (issue 16)")
                .check(PRODUCTION);
    }

    @Test
    void featuresShouldNotDependOnEachOtherInACycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    private static Path productionClasses() {
        try {
            return Path.of(TxgateApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * No class of {@code feature} uses a class of ours outside its own package, {@code allowed} feature packages and
     * the packages named in full ({@code io.txgate} itself, whose sub-packages it does not include).
     */
    private static ArchRule mayOnlyUse(String feature, String... allowed) {
        String[] own = Stream.concat(Stream.of(feature), Arrays.stream(allowed))
                .map(name -> name.equals(ROOT) ? ROOT : ROOT + "." + name + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ROOT + "." + feature + "..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(own))))
                .as(feature + " uses only " + (allowed.length == 0 ? "itself" : String.join(", ", allowed)))
                .because("docs/development.md, who may use whom");
    }
}
