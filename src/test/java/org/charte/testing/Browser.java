package org.charte.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Debian's headless Chromium driven by its chromedriver (never a driver Selenium Manager would
 * download), one per test class ({@link #reset(ChromeDriver, int)} between its tests): a person's clicks and typing, screenshots at a given width kept
 * under {@code target/screenshots/}, downloads in a directory of its own, and axe-core's check of
 * the page shown (the version pinned in {@code src/test/js/package-lock.json}).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Installed by {@code ./charte test} (npm ci in src/test/js), git-ignored. */
    public static final Path AXE = Path.of("src/test/js/node_modules/axe-core/axe.min.js");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    public static final int WIDE = 1280;
    public static final int NARROW = 390;

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;
    /** Whether axe-core is added to every page this browser opens (once it checked one). */
    private boolean axeOnEveryPage;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    /** A browser on the test server at that port; the test is skipped where Debian's chromium is missing. */
    public static Browser open(int port) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        try {
            Path downloads = Files.createTempDirectory("charte-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR",
                    "--window-size=" + WIDE + ",900", "--hide-scrollbars",
                    // nothing a test looks at: the GPU (software-drawn anyway), extensions, background updates and services
                    // (an axe-core sweep's browser took an eighth less CPU without them)
                    "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-default-apps", "--no-first-run",
                    "--disable-features=Translate,OptimizationHints,MediaRouter,PaintHolding");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, "http://localhost:" + port, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes a Chromium that an earlier test of the class used as good as new for the next one (a new one costs seconds): a
     * blank page, no cookie, nothing stored for the test server's origins ({@code localhost} and {@code 127.0.0.1}), an empty
     * cache, the window's own width and scripts on. What a test added itself (a script on every new document) it removes.
     */
    public static void reset(ChromeDriver driver, int port) {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        for (String host : List.of("localhost", "127.0.0.1")) {
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", "http://" + host + ":" + port, "storageTypes", "all"));
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens an address of the test server, as typed in the address bar. */
    public void go(String path) {
        driver.get(base + path);
    }

    /** Opens a full address, as followed from a mail. */
    public void follow(String url) {
        driver.get(url);
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url == null ? "" : url.substring(base.length());
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public String text(By by) {
        return driver.findElement(by).getText();
    }

    /**
     * Whether an element of the page before is gone: stale, or — chromedriver's other answer when a
     * navigation replaced the document between its lookups — a node that "does not belong to the
     * document" any more (Selenium's own {@code stalenessOf} lets that one escape as an error).
     */
    public static ExpectedCondition<Boolean> gone(WebElement before) {
        return driver -> {
            try {
                before.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                    return true;
                }
                throw e;
            }
        };
    }

    /** Clicks a link or a button that opens another page, and waits for that page. */
    public void click(By by) {
        WebElement before = driver.findElement(By.tagName("html"));
        WebElement target = driver.findElement(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        target.click();
        new WebDriverWait(driver, WAIT).until(gone(before));
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Clicks the link whose text is exactly that one, and waits for its page. */
    public void clickLink(String text) {
        click(By.linkText(text));
    }

    /** Types into a field (emptied first). */
    public void type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Chooses an option of a select by its visible text. */
    public void choose(By select, String visibleText) {
        new Select(driver.findElement(select)).selectByVisibleText(visibleText);
    }

    /** Forgets every cookie of the server's origin: the next person starts signed out. */
    public void forget() {
        go("/");
        driver.manage().deleteAllCookies();
    }

    /**
     * Signs in a member of staff for the first time, as they would: login, password, then the
     * enrolment page's key turned into a code. The key, for later sign-ins.
     */
    public String enrol(String login, String password) {
        go("/backoffice/connexion");
        type(By.id("username"), login);
        type(By.id("password"), password);
        click(By.cssSelector("main form button[type=submit]"));
        if (!path().startsWith("/backoffice/enrolement")) {
            throw new AssertionError("expected the enrolment page after the password, got " + path());
        }
        String secret = text(By.id("secret")).trim();
        type(By.id("code"), Http.nextCode(secret));
        click(By.cssSelector("main form button[type=submit]"));
        return secret;
    }

    /** Signs in an enrolled member of staff: login, password, then a fresh code. */
    public void signIn(String login, String password, String secret) {
        go("/backoffice/connexion");
        type(By.id("username"), login);
        type(By.id("password"), password);
        click(By.cssSelector("main form button[type=submit]"));
        type(By.id("code"), Http.nextCode(secret));
        click(By.cssSelector("main form button[type=submit]"));
    }

    /**
     * Keeps a picture of the whole page at that width (390: a phone, 1280: a laptop), as
     * {@code target/screenshots/<walk>/<name>-<width>.png}; the window gets its width back after.
     */
    public Path screenshot(String walk, String name, int width) {
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                    "deviceScaleFactor", 1, "mobile", width < 600));
            Number height = (Number) driver.executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)");
            int full = Math.min(Math.max(900, height == null ? 900 : height.intValue()), 16_000);
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", full,
                    "deviceScaleFactor", 1, "mobile", width < 600));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true));
            Path file = SCREENSHOTS.resolve(walk).resolve(name + "-" + width + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Lays the page shown out at that width (390: a phone), without reloading it, until {@link #clearWidth()}. */
    public void emulateWidth(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** The window's own width again. */
    public void clearWidth() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * What makes the page shown wider than the screen, so that a person would scroll sideways to
     * read it (a wide table scrolls in its own box instead): the first few elements past the right
     * edge, empty when nothing is.
     */
    @SuppressWarnings("unchecked")
    public List<String> horizontalOverflow() {
        return (List<String>) driver.executeScript("""
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width + 1) { return []; }
                const found = [];
                document.querySelectorAll('body *').forEach(e => {
                  const r = e.getBoundingClientRect();
                  if (r.right > width + 1 && r.width > 0 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1)) {
                    found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')
                        + ' to ' + Math.round(r.right) + ' px');
                  }
                });
                return found.length ? found.slice(0, 5) : ['the page is ' + document.documentElement.scrollWidth + ' px wide'];
                """);
    }

    /** Both widths of {@link #screenshot(String, String, int)}. */
    public void screenshots(String walk, String name) {
        screenshot(walk, name, WIDE);
        screenshot(walk, name, NARROW);
    }

    /**
     * axe-core's serious and critical violations on the page shown, one line each (rule, help,
     * the elements concerned); empty when there is none. Fails when axe-core is not installed.
     */
    public List<String> seriousAccessibilityViolations() {
        if (!Files.isRegularFile(AXE)) {
            throw new AssertionError("axe-core is not installed (" + AXE + "): run `(cd src/test/js && npm ci)`,"
                    + " or ./charte test, which installs it");
        }
        try {
            Boolean present = (Boolean) driver.executeScript("return typeof window.axe !== 'undefined'");
            if (!Boolean.TRUE.equals(present)) {
                String axe = Files.readString(AXE, StandardCharsets.UTF_8);
                driver.executeScript(axe);
                if (!axeOnEveryPage) {
                    // Every page opened after this one gets axe-core from the browser itself: its half megabyte sent once
                    // per browser, not once per page through chromedriver (that was a third of an axe-core sweep's CPU).
                    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axe));
                    axeOnEveryPage = true;
                }
            }
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Object result = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']})
                        .then(r => done(JSON.stringify(r.violations)))
                        .catch(e => done('ERROR ' + e));
                    """);
            String json = String.valueOf(result);
            if (json.startsWith("ERROR ")) {
                throw new AssertionError("axe-core failed on " + path() + ": " + json);
            }
            List<String> found = new ArrayList<>();
            for (JsonNode violation : JSON.readTree(json)) {
                String impact = violation.path("impact").asString();
                if (!impact.equals("serious") && !impact.equals("critical")) {
                    continue;
                }
                List<String> targets = new ArrayList<>();
                for (JsonNode node : violation.path("nodes")) {
                    targets.add(node.path("target").toString() + " " + node.path("failureSummary").asString().replace('\n', ' '));
                }
                found.add(impact + " " + violation.path("id").asString() + " (" + violation.path("help").asString() + "): "
                        + String.join(" | ", targets));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file downloaded whose name ends so, once it is complete. */
    public Path downloaded(String suffix) {
        return new WebDriverWait(driver, WAIT).until(d -> find(suffix).orElse(null));
    }

    /**
     * The download once complete: Chromium reserves the final name with an empty file, writes into a
     * {@code .crdownload} beside it, then renames that over the reservation.
     */
    private Optional<Path> find(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            List<Path> all = files.toList();
            if (all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) {
                return Optional.empty();
            }
            for (Path f : all) {
                if (f.getFileName().toString().endsWith(suffix) && Files.size(f) > 0) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(downloads)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
