package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.test.context.TestPropertySource;

/**
 * The status page in a real browser (Debian's headless Chromium, driven by Selenium) against a real server with
 * batches flowing over TCP: it loads without console errors, its throughput figure and chart move, a rejection sent
 * over TCP appears in its list, and a screenshot is saved as target/status-page.png.
 *
 * <p>Skips where Chromium is not installed, unless {@code TXGATE_REQUIRE_BROWSER=true} (as .ci/run sets), where a
 * missing browser fails the test instead.
 */
@TestPropertySource(properties = "management.prometheus.metrics.export.enabled=true")
class StatusPageBrowserTests extends IngestServerTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path profile;

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("TXGATE_REQUIRE_BROWSER"))) {
            Assumptions.assumeTrue(
                    installed,
                    "no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get"
                            + " install chromium chromium-driver); TXGATE_REQUIRE_BROWSER=true makes this a failure");
        }
        assertThat(installed)
                .as("TXGATE_REQUIRE_BROWSER=true but Chromium is missing: apt-get install chromium chromium-driver")
                .isTrue();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pageWhenBatchesFlowShouldShowThemLiveAndListARejection() throws IOException {
        int port = environment.getRequiredProperty("local.management.port", Integer.class);
        browser.manage().logs().get(LogType.BROWSER); // what earlier tests left in the log
        browser.get("about:blank");
        browser.get("http://127.0.0.1:" + port + "/status#token=" + TestTokens.SCRAPER);

        await().atMost(PATIENCE)
                .until(() -> browser.findElement(By.id("server")).isDisplayed());
        assertThat(browser.getCurrentUrl())
                .as("the token is taken out of the address bar")
                .doesNotContain("token");
        String chartBefore = chartImage();

        try (LineClient client = connect()) {
            int[] sent = {0};
            // Each poll sends a few more batches, so batches flow for as long as the page needs to show them.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (int i = 0; i < 10; i++) {
                    assertThat(client.exchange(Batches.valid("browser-" + sent[0]++, 10)))
                            .contains("ACCEPTED");
                }
                assertThat(number(browser.findElement(By.id("tx-rate")).getText()))
                        .isPositive();
                assertThat(chartImage()).isNotEqualTo(chartBefore);
            });
            String chartWhileFlowing = chartImage();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (int i = 0; i < 10; i++) {
                    client.exchange(Batches.valid("browser-" + sent[0]++, 10));
                }
                assertThat(chartImage()).as("the chart moves on").isNotEqualTo(chartWhileFlowing);
            });

            assertThat(client.exchange("{\"batchId\":\"browser-bad\",\"transactions\":[]}"))
                    .contains("REJECTED");
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(
                                    browser.findElement(By.id("rejections")).getText())
                            .contains("INVALID")
                            .contains("transactions"));
        }

        assertThat(severeConsoleEntries()).isEmpty();
        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(screenshot, Path.of("target", "status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void pageWithReadOnlyTokenShouldSayItNeedsScopeMetrics() {
        int port = environment.getRequiredProperty("local.management.port", Integer.class);
        browser.get("about:blank");
        browser.get("http://127.0.0.1:" + port + "/status#token=" + TestTokens.READER);

        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("message")).getText())
                                .contains("needs an API token with scope metrics")
                                .contains("403"));
        assertThat(browser.findElement(By.id("server")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isTrue();
    }

    @Test
    void pageWithoutTokenShouldAskForOne() {
        int port = environment.getRequiredProperty("local.management.port", Integer.class);
        browser.get("http://127.0.0.1:" + port + "/status");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("message")).getText())
                                .contains("needs an API token with scope metrics"));
        assertThat(browser.findElement(By.id("server")).isDisplayed()).isFalse();
    }

    private String chartImage() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('chart-throughput').toDataURL()");
    }

    private static double number(String shown) {
        String digits = shown.replace(",", "");
        return digits.matches("[0-9.]+") ? Double.parseDouble(digits) : 0;
    }

    /** Errors the page caused: failed requests, script errors. */
    private static List<LogEntry> severeConsoleEntries() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }
}
