package kr.anshim.ui;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Headless Debian Chromium with its own driver; never downloads a browser. Tests that need it
 * are skipped, with the reason, where Chromium is not installed.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("anshim.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("anshim.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Browser tests skipped: Chromium not found at " + CHROMIUM + " and " + DRIVER
                        + " (apt-get install chromium chromium-driver; CI installs them)");
    }

    static WebDriver start(String name) throws IOException {
        Path profile = Files.createDirectories(Path.of("target", "chrome", name + "-" + System.nanoTime()));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1920,1080", "--lang=ko-KR",
                "--user-data-dir=" + profile.toAbsolutePath());
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The browser console's Content-Security-Policy violations since the last read (reading empties the log). */
    static java.util.List<String> cspViolations(WebDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy"))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    /** Signs in on the UI's login overlay and waits for the signed-in screen. */
    static void signIn(WebDriver driver, int uiPort, String username) {
        signIn(driver, uiPort, username, "anshim-demo");
    }

    /** As above, with an account's own password (one made in the test). */
    static void signIn(WebDriver driver, int uiPort, String username, String password) {
        driver.get("http://127.0.0.1:" + uiPort + "/");
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(driver,
                java.time.Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("input[name='username']")).isEmpty());
        driver.findElement(org.openqa.selenium.By.cssSelector("input[name='username']")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.cssSelector("input[name='password']")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.cssSelector("vaadin-button[slot='submit']")).click();
        wait.until(d -> !d.findElements(org.openqa.selenium.By.id("signed-in-user")).isEmpty());
    }

    static Path screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
