package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.casehub.quarantine.ReplayJobRepository;
import org.casehub.security.TestClients;
import org.casehub.support.GridCases;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The status page at / in a real headless Chromium (Debian's chromium and chromium-driver, never downloaded): it
 * shows the three feeds, and a record refused by the pipeline appears in its quarantine counts with the reason.
 */
class StatusPageIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        // with both paths given, Selenium Manager is not asked for a driver or a browser
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        profile = Files.createTempDirectory("casehub-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        FileSystemUtils.deleteRecursively(profile.toFile());
    }

    @Test
    void aRunningReplayShowsWithItsShareDoneRateAndTimeLeftUntilItEnds(@Autowired ReplayJobRepository replays) {
        ReplayJobRepository.Job job = replays.create("it-operator", "{\"feed\":\"livelihood\"}", 100, "status-page-it");
        try {
            replays.progress(job.id(), 40, 0, 0);
            browser.get("http://localhost:" + port + "/");

            By row = By.cssSelector("#jobs tr[data-job='" + job.id() + "']");
            // the page rebuilds its rows at each refresh: a row found may be replaced before it is read, then read again
            String[] shown = new String[2];
            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> {
                List<WebElement> rows = browser.findElements(row);
                if (rows.isEmpty()) {
                    return false;
                }
                shown[0] = rows.get(0).getText();
                shown[1] = rows.get(0).findElement(By.cssSelector(".progress")).getText();
                return shown[0].contains("/s");
            });
            assertThat(shown[1]).startsWith("40 of 100 (40 %) · ").containsPattern("left$");
            assertThat(shown[0]).startsWith("quarantine replay").doesNotContain("livelihood");
        } finally {
            replays.finish(job.id(), "finished", "status page test");
        }
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#jobs tr[data-job='" + job.id() + "']"))
                .isEmpty());
    }

    @Test
    void aCaseIdLeadsToItsTimelineWithTheOperatorsKey() {
        String caseId;
        try (GridCases cases = new GridCases(bootstrapServers(), jdbc)) {
            caseId = cases.newCase();
        }
        browser.get("http://localhost:" + port + "/");

        browser.findElement(By.id("timeline-case")).sendKeys(caseId);
        browser.findElement(By.id("timeline-key")).sendKeys(TestClients.OPERATOR_KEY);
        browser.findElement(By.cssSelector("#timeline-form button")).click();

        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#timeline tbody tr")).size() >= 2);
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("source-record").contains("dedup new-case").contains("org.casehub.case.created");
    }

    @Test
    void thePageShowsTheThreeFeedsAndAQuarantinedRecordWithItsReason() {
        browser.get("http://localhost:" + port + "/");

        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#feeds tbody tr")).size() >= 3);
        for (String feed : List.of("public-safety", "livelihood", "provincial-petition")) {
            WebElement row = browser.findElement(By.cssSelector("#feeds tr[data-feed='" + feed + "']"));
            assertThat(row.findElement(By.cssSelector(".state")).getText())
                    .isIn("flowing", "idle", "failing", "stopped", "not configured");
            assertThat(row.findElements(By.cssSelector("svg.spark polyline"))).hasSize(1);
        }
        assertThat(browser.findElements(By.cssSelector("#deliveries tr[data-tier]"))).hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#dedup tr[data-link]"))).hasSizeGreaterThanOrEqualTo(3);
        // Beijing time, 24-hour, whatever the browser's zone; counts in words, not "(s)"
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> browser.findElement(By.id("updated")).getText().startsWith("updated "));
        assertThat(browser.findElement(By.id("updated")).getText())
                .matches("updated \\d{4}-\\d{2}-\\d{2} [0-2]\\d:[0-5]\\d:[0-5]\\d \\(UTC\\+8\\)");
        assertThat(browser.findElement(By.id("unit-queues")).getText()).doesNotContain("(s)");
        long before = Long.parseLong(browser.findElement(By.id("quarantine-open")).getText());

        String eventId = GridEvents.newEventId();
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL").replace("\"status\": \"上报\"", "\"status\": \"挂起\""));
        }

        By codeList = By.cssSelector("#quarantine tr[data-feed='public-safety'][data-reason='code-list']");
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> Long.parseLong(browser.findElement(By.id("quarantine-open")).getText()) > before
                && !browser.findElements(codeList).isEmpty());
        WebElement row = browser.findElement(codeList);
        assertThat(row.findElement(By.cssSelector(".reason-name")).getText()).isEqualTo("code-list");
        assertThat(Long.parseLong(row.findElement(By.cssSelector(".num")).getText())).isPositive();
        assertThat(browser.findElement(By.id("quarantine-open")).getAttribute("class")).contains("bad");

        // nothing loaded from elsewhere than the hub
        Object foreign = ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).filter(function (n) { return n.indexOf(location.origin) !== 0; });");
        assertThat((List<?>) foreign).isEmpty();
    }
}
