package kr.anshim.ui;

import kr.anshim.api.DeviceFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The night-shift findings of issue 11, in headless Chromium against the real backend: the alarm
 * sound is off (and says so) until the shift is started with a click, then plays per severity and
 * can be silenced; the critical banner selects the oldest unacknowledged critical incident; closing
 * an incident asks for a reason and a confirmation, and after it the actions are disabled; the
 * queue fits 1920×1080 and 2560×1440 without horizontal scrolling or page overflow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class NightShiftConsoleIT {

    private static BackendProcess backend;

    @LocalServerPort
    int uiPort;

    @Autowired
    RSocketStrategies strategies;

    WebDriver driver;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws Exception {
        backend = BackendProcess.start("e2e-night-shift");
        registry.add("anshim.backend.port", backend::rsocketPort);
    }

    @AfterAll
    static void stopBackend() throws InterruptedException {
        if (backend != null) {
            backend.close();
        }
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void the_sound_is_off_until_the_shift_starts_then_plays_per_severity_and_the_banner_selects_the_critical() throws Exception {
        driver = Browser.start("night-sound");
        signIn("op.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));

        // before the click: the warning shows, the armed indicator does not
        wait.until(d -> shown("sound-off"));
        assertThat(driver.findElement(By.id("sound-off")).getText()).contains("경보음 꺼짐").contains("근무 시작");
        assertThat(shown("sound-on")).isFalse();
        assertThat(shown("arm-sound")).isTrue();
        Browser.screenshot(driver, "night-sound-off");

        driver.findElement(By.id("arm-sound")).click();
        wait.until(d -> shown("sound-on"));
        assertThat(shown("sound-off")).as("the warning goes once the sound is armed").isFalse();
        assertThat(js("return window.anshimAlarm.state()")).isEqualTo("armed");

        String bell = BackendProcess.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.EMERGENCY_BELL && d.id().contains("-11440-"))
                .findFirst().orElseThrow().id();
        send(unprotectedCamera(), "FORCED_ENTRY"); // HIGH: 75, +10 at night; a protected person's would be critical
        send(bell, "BELL_PRESSED"); // CRITICAL
        wait.until(d -> ((Number) js("return window.anshimAlarm.played.CRITICAL")).intValue() > 0);
        assertThat(((Number) js("return window.anshimAlarm.played.HIGH")).intValue())
                .as("HIGH has its own tone and does not sound while a critical one does").isZero();

        // the banner keeps its place: it is there, same size, with and without a critical incident
        WebElement banner = driver.findElement(By.id("critical-alert"));
        wait.until(ExpectedConditions.textToBePresentInElement(banner, "긴급 사건 1건"));
        assertThat(banner.getCssValue("animation-name")).doesNotContain("anshim-blink");
        banner.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-panel"), "비상벨"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "긴급"));
        Browser.screenshot(driver, "night-sound-armed-critical");

        driver.findElement(By.id("silence-sound")).click();
        wait.until(d -> shown("sound-silenced"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sound-silenced"), "4:5"));
        assertThat(js("return window.anshimAlarm.state()")).isEqualTo("silenced");
        int played = ((Number) js("return window.anshimAlarm.played.CRITICAL")).intValue();
        Browser.screenshot(driver, "night-sound-silenced");
        driver.findElement(By.id("unsilence-sound")).click();
        wait.until(d -> shown("sound-on"));
        wait.until(d -> ((Number) js("return window.anshimAlarm.played.CRITICAL")).intValue() > played);

        // a reload loses the browser's permission to play: the warning is back
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        wait.until(d -> shown("sound-off"));
        assertThat(shown("sound-on")).isFalse();
    }

    @Test
    void false_alarm_and_resolve_ask_for_a_reason_and_a_confirmation_and_then_the_actions_are_disabled() throws Exception {
        send(camera(4), "TAMPER");
        send(camera(5), "TAMPER");
        driver = Browser.start("night-actions");
        signIn("op.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> rows("기기 훼손") >= 2);

        clickRow("기기 훼손", 0);
        wait.until(d -> enabled("action-acknowledge"));
        assertThat(enabled("action-resolve")).as("a NEW incident cannot be resolved").isFalse();
        assertThat(enabled("action-false-alarm")).as("positive control: a NEW incident may be a false alarm").isTrue();

        // Alt+F opens the confirmation, it does not close the incident
        wait.until(d -> clicked(By.id("action-false-alarm")));
        dialogOpened(wait);
        assertThat(enabled("close-confirm")).as("no reason yet").isFalse();
        Browser.screenshot(driver, "night-false-alarm-confirm");
        assertThat(driver.findElement(By.id("incident-status")).getText()).contains("신규");
        WebElement reason = driver.findElement(By.cssSelector("#close-reason textarea"));
        reason.click();
        reason.sendKeys("주민 확인: 택배 기사");
        wait.until(d -> enabled("close-confirm"));
        wait.until(d -> clicked(By.id("close-confirm")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "오경보"));
        wait.until(d -> !enabled("action-false-alarm"));
        for (String id : List.of("action-acknowledge", "action-en-route", "action-on-scene", "action-resolve", "action-false-alarm")) {
            assertThat(enabled(id)).as(id + " after a false alarm").isFalse();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-panel"), "주민 확인: 택배 기사"));
        assertThat(driver.findElement(By.id("incident-panel")).getText()).doesNotContain("STATUS").doesNotContain("FALSE_ALARM");

        // the second one: acknowledge, then resolve with an outcome and a reason
        wait.until(d -> rows("기기 훼손") >= 1);
        clickRow("기기 훼손", 0);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "신규"));
        wait.until(d -> clicked(By.id("action-acknowledge")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "확인"));
        wait.until(d -> enabled("action-resolve"));
        assertThat(enabled("action-acknowledge")).as("acknowledged already").isFalse();
        wait.until(d -> clicked(By.id("action-resolve")));
        dialogOpened(wait);
        WebElement resolveReason = driver.findElement(By.cssSelector("#close-reason textarea"));
        resolveReason.click(); // the dialog focuses the outcome first; type where we mean to
        resolveReason.sendKeys("현장 확인 완료");
        wait.until(d -> "현장 확인 완료".equals(js("return document.getElementById('close-reason').value")));
        assertThat(enabled("close-confirm")).as("resolving needs an outcome too").isFalse();
        WebElement outcome = driver.findElement(By.cssSelector("#close-outcome input"));
        outcome.click();
        outcome.sendKeys("거주자 안전");
        wait.until(d -> clicked(By.xpath("//vaadin-combo-box-item[contains(., '거주자 안전 확인')]")));
        wait.until(d -> enabled("close-confirm"));
        wait.until(d -> clicked(By.id("close-confirm")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "처리 완료"));
        wait.until(d -> !enabled("action-resolve"));
        assertThat(enabled("action-false-alarm")).isFalse();
        assertThat(enabled("action-note")).as("a note may still be added").isTrue();
        Browser.screenshot(driver, "night-resolved-disabled");
    }

    @Test
    void the_queue_fits_without_horizontal_scrolling_or_page_overflow_at_1920_and_2560() throws Exception {
        send(camera(6), "TAMPER");
        driver = Browser.start("night-layout");
        signIn("op.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> rows("기기 훼손") >= 1);
        for (Dimension size : List.of(new Dimension(1920, 1080), new Dimension(2560, 1440))) {
            driver.manage().window().setSize(size);
            wait.until(d -> ((Number) js("return window.innerWidth")).intValue() > 0);
            // the grid lays out again after a resize: wait for it to settle, then measure
            wait.until(d -> queueFits());
            wait.until(d -> pageFits());
            assertThat(driver.findElement(By.id("incident-queue")).getText()).contains("기기 훼손");
            String header = driver.findElement(By.id("incident-queue")).getText();
            assertThat(header).contains("심각도").contains("유형").contains("경과").contains("상태").contains("112 연계");
            // the badge stays on one line: no taller than a row
            Number badgeHeight = (Number) js("const b = document.querySelector('#incident-queue .anshim-badge');"
                    + " return b ? b.getBoundingClientRect().height : 0");
            assertThat(badgeHeight.doubleValue()).isBetween(1.0, 32.0);
            Browser.screenshot(driver, "night-layout-" + size.getWidth());
        }

        // a screen the role may not open says so in Korean, not Vaadin's English "Could not navigate"
        driver.get("http://127.0.0.1:" + uiPort + "/supervisor");
        WebElement denied = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-denied")));
        assertThat(denied.getText()).contains("열 수 없는 화면").doesNotContain("Could not navigate").doesNotContain("supervisor");
        Browser.screenshot(driver, "night-access-denied");
    }

    private void dialogOpened(WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("close-confirm")));
        wait.until(d -> Boolean.TRUE.equals(js("const o = document.querySelector('vaadin-dialog-overlay');"
                + " return !!o && o.hasAttribute('opened') && !o.hasAttribute('opening');")));
    }

    private boolean queueFits() {
        Object fits = js("const g = document.getElementById('incident-queue');"
                + " const t = g && g.shadowRoot && g.shadowRoot.querySelector('#table');"
                + " return !!t && t.clientWidth > 0 && t.scrollWidth <= t.clientWidth;");
        return Boolean.TRUE.equals(fits);
    }

    private boolean pageFits() {
        return Boolean.TRUE.equals(js("return document.documentElement.scrollHeight <= window.innerHeight"
                + " && document.documentElement.scrollWidth <= window.innerWidth"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Read in one script: the panel re-renders as updates arrive, so a WebElement found earlier may be stale. */
    private boolean shown(String id) {
        return Boolean.TRUE.equals(js("const e = document.getElementById('" + id + "');"
                + " return !!e && e.checkVisibility();"));
    }

    private boolean enabled(String id) {
        return Boolean.TRUE.equals(js("const e = document.getElementById('" + id + "');"
                + " return !!e && !e.hasAttribute('disabled');"));
    }

    private int rows(String text) {
        return (int) driver.findElements(By.cssSelector("vaadin-grid#incident-queue vaadin-grid-cell-content")).stream()
                .filter(cell -> cell.getText().contains(text)).count();
    }

    private void signIn(String username) {
        driver.get("http://127.0.0.1:" + uiPort + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-overlay")));
        wait.until(d -> d.findElements(By.cssSelector("input[name='username']")).size() > 0);
        driver.findElement(By.cssSelector("input[name='username']")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys("anshim-demo");
        driver.findElement(By.cssSelector("vaadin-button[slot='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
    }

    private boolean clicked(By locator) {
        try {
            List<WebElement> found = driver.findElements(locator);
            if (found.isEmpty()) {
                return false;
            }
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(); arguments[0].click();", found.get(0));
            return true;
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.ElementNotInteractableException e) {
            return false;
        }
    }

    private void clickRow(String text, int index) {
        int seen = 0;
        for (WebElement cell : driver.findElements(By.cssSelector("vaadin-grid#incident-queue vaadin-grid-cell-content"))) {
            if (cell.getText().contains(text) && seen++ == index) {
                cell.click();
                return;
            }
        }
    }

    /** A door camera of 마포구 at a household without a protected person (none of the cameras used above). */
    private static String unprotectedCamera() {
        java.util.Set<String> unprotected = BackendProcess.CITY.households().stream().filter(h -> !h.protectedPerson())
                .map(h -> h.id()).collect(java.util.stream.Collectors.toSet());
        List<String> used = List.of(camera(4), camera(5), camera(6));
        return BackendProcess.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && d.id().contains("-11440-")
                        && unprotected.contains(d.householdId()) && !used.contains(d.id()))
                .findFirst().orElseThrow().id();
    }

    /** The n-th door camera of 마포구 in the demo city. */
    private static String camera(int n) {
        return BackendProcess.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && d.id().contains("-11440-"))
                .skip(n).findFirst().orElseThrow().id();
    }

    private void send(String deviceId, String type) {
        assertThat(backend.alarm(strategies, deviceId, type).durable()).isTrue();
    }
}
