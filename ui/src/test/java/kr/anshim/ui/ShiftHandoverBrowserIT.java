package kr.anshim.ui;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.UserAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 in headless Chromium against the real backend: the 마포구 day operator shelves a door
 * camera's incident (a reason, a time up to 8 h; it leaves the queue and is in the shelved list
 * with its return time in KST), is not offered shelving for a protected person's bell, and hands
 * the shift over with a note. The supervisor sees the handover unacknowledged; the night operator
 * (마포구 and 관악구) gets the handover instead of the console, acknowledges it and then has the
 * console, and the supervisor no longer sees it pending. A burst in 관악구 then puts the night
 * console in flood as the backend's flood monitor says: the flood view, the critical bell pinned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class ShiftHandoverBrowserIT {

    private static final String MAPO = "11440";
    private static final String GWANAK = "11620";
    private static final String NIGHT = "op.night";
    private static final String NIGHT_PASSWORD = "night-shift-secret-42";
    private static final String NOTE = "관악구 경보 주의, 보류한 카메라는 복도 조명 때문 · corridor light trips the camera";

    private static BackendProcess backend;

    @LocalServerPort
    int uiPort;

    @Autowired
    RSocketStrategies strategies;

    private final List<WebDriver> drivers = new ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws Exception {
        backend = BackendProcess.start("e2e-shift-handover");
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
        drivers.forEach(WebDriver::quit);
    }

    @Test
    void the_outgoing_operator_shelves_and_hands_over_the_incoming_one_acknowledges_before_the_console_and_then_sees_a_flood()
            throws Exception {
        backend.saveUser(strategies, new UserAccount(NIGHT, "야간 관제요원 한새벽", "OPERATOR", List.of(MAPO, GWANAK), true,
                NIGHT_PASSWORD));

        // the day operator: a door camera's incident is shelved, a protected person's bell is not offered
        WebDriver day = browser("handover-day");
        Browser.signIn(day, uiPort, "op.mapo");
        day.get(url("/console"));
        WebDriverWait dayWait = new WebDriverWait(day, Duration.ofSeconds(60));
        dayWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        send(camera(MAPO, 0), "TAMPER");
        send(protectedBell(MAPO), "BELL_PRESSED");
        dayWait.until(d -> queueRows(d).stream().anyMatch(r -> r.contains("비상벨")));
        dayWait.until(d -> queueRows(d).size() >= 2);
        clickRow(day, "비상벨");
        dayWait.until(d -> shown(d, "shelve-never"));
        assertThat(text(day, "shelve-never")).contains("보호 대상자의 비상벨이나 도어락은 보류할 수 없습니다");
        assertThat(shown(day, "shelve-incident")).as("never offered for a protected person's bell").isFalse();

        String camera = queueRows(day).stream().filter(r -> !r.contains("비상벨")).findFirst().orElseThrow();
        clickRowAt(day, queueRows(day).indexOf(camera));
        dayWait.until(d -> shown(d, "shelve-incident"));
        assertThat(shown(day, "shelve-never")).isFalse();
        int before = queueRows(day).size();
        day.findElement(By.id("shelve-incident")).click();
        dayWait.until(d -> shown(d, "shelve-reason")); // the dialog's content (its overlay lives at the end of the body)
        assertThat(enabled(day, "shelve-confirm")).as("no reason, nothing to shelve").isFalse();
        js(day, "const t = document.querySelector('#shelve-reason textarea'); t.value = arguments[0];"
                + " t.dispatchEvent(new Event('input', {bubbles: true})); t.dispatchEvent(new Event('change', {bubbles: true}));",
                "복도 조명에 반응하는 카메라");
        dayWait.until(d -> enabled(d, "shelve-confirm"));
        assertThat(js(day, "return document.getElementById('shelve-time').label")).as("the backend's maximum")
                .isEqualTo("보류 시간 (최대 8시간)");
        Browser.screenshot(day, "shelve-dialog");
        day.findElement(By.id("shelve-confirm")).click();
        dayWait.until(d -> notifications(d).contains("보류했습니다") && notifications(d).contains("KST"));
        dayWait.until(d -> queueRows(d).size() == before - 1);
        dayWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shelved-open"), "보류 목록 1건"));
        day.findElement(By.id("shelved-open")).click();
        dayWait.until(d -> gridText(d, "shelved-list").contains("복도 조명에 반응하는 카메라"));
        assertThat(gridText(day, "shelved-list")).contains("KST").contains("op.mapo").contains("보류 해제");
        Browser.screenshot(day, "shelved-list");
        day.findElement(By.id("shelved-close")).click();

        // the day operator hands over: the generated summary counts the shelved camera
        dayWait.until(d -> !shown(d, "shelved-list"));
        day.findElement(By.id("handover-open")).click();
        dayWait.until(d -> text(d, "handover-counts").contains("보류 1건"));
        assertThat(enabled(day, "handover-submit")).as("no note, no handover").isFalse();
        js(day, "const t = document.querySelector('#handover-note-input textarea'); t.value = arguments[0];"
                + " t.dispatchEvent(new Event('input', {bubbles: true})); t.dispatchEvent(new Event('change', {bubbles: true}));", NOTE);
        dayWait.until(d -> enabled(d, "handover-submit"));
        Browser.screenshot(day, "handover-outgoing");
        day.findElement(By.id("handover-submit")).click();
        dayWait.until(d -> shown(d, "handover-done"));
        day.quit();
        drivers.remove(day);

        // the supervisor sees it unacknowledged
        WebDriver supervisor = browser("handover-supervisor");
        Browser.signIn(supervisor, uiPort, "supervisor");
        supervisor.get(url("/supervisor"));
        WebDriverWait supervisorWait = new WebDriverWait(supervisor, Duration.ofSeconds(60));
        supervisorWait.until(d -> gridText(d, "pending-handovers").contains(NOTE));
        assertThat(gridText(supervisor, "pending-handovers")).contains("op.mapo").contains("마포구");
        js(supervisor, "document.getElementById('pending-handovers').scrollIntoView()");
        Browser.screenshot(supervisor, "handover-supervisor-pending");

        // the night operator: the handover instead of the console, until acknowledged
        WebDriver night = browser("handover-night");
        Browser.signIn(night, uiPort, NIGHT, NIGHT_PASSWORD);
        night.get(url("/console"));
        WebDriverWait nightWait = new WebDriverWait(night, Duration.ofSeconds(60));
        nightWait.until(d -> shown(d, "handover-acknowledge"));
        assertThat(text(night, "handover-note")).isEqualTo(NOTE);
        assertThat(text(night, "handover-from")).contains("op.mapo").contains("KST");
        assertThat(text(night, "handover-counts")).contains("보류 1건");
        assertThat(shown(night, "incident-queue")).as("no console before the acknowledgement").isFalse();
        assertThat(shown(night, "live-status")).isFalse();
        Browser.screenshot(night, "handover-incoming-blocked");
        night.findElement(By.id("handover-acknowledge")).click();
        nightWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        assertThat(shown(night, "incident-queue")).isTrue();
        assertThat(shown(night, "handover-gate")).isFalse();
        nightWait.until(d -> queueRows(d).stream().anyMatch(r -> r.contains("비상벨")));
        assertThat(queueRows(night)).as("the shelved camera stays off the night console too").hasSize(1);

        supervisor.navigate().refresh();
        supervisorWait.until(d -> shown(d, "pending-handovers"));
        supervisorWait.until(d -> !gridText(d, "pending-handovers").contains(NOTE));

        // a burst in 관악구: the backend's flood monitor puts the night console in flood
        assertThat(shown(night, "flood-indicator")).as("no flood before the burst").isFalse();
        IntStream.range(0, 12).forEach(n -> send(camera(GWANAK, n), "TAMPER"));
        send(protectedBell(GWANAK), "BELL_PRESSED");
        nightWait.until(d -> shown(d, "flood-indicator"));
        assertThat(text(night, "flood-indicator")).contains("경보 폭주 · flood");
        nightWait.until(d -> !queueRows(d).isEmpty() && queueRows(d).get(0).contains("긴급 고정"));
        assertThat(queueRows(night).get(0)).as("the critical bell pinned on top").contains("비상벨");
        assertThat(queueRows(night).stream().anyMatch(r -> r.contains("건물")))
                .as("grouped by building or household").isTrue();
        Browser.screenshot(night, "handover-night-flood");
    }

    private WebDriver browser(String name) throws Exception {
        WebDriver driver = Browser.start(name);
        drivers.add(driver);
        return driver;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + uiPort + path;
    }

    /** The n-th door camera of the ward at a household without a protected person (their TAMPER never merges). */
    private static String camera(String ward, int n) {
        Set<String> unprotected = BackendProcess.CITY.households().stream().filter(h -> !h.protectedPerson())
                .map(DemoCity.Household::id).collect(Collectors.toSet());
        return BackendProcess.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && d.id().contains("-" + ward + "-")
                        && unprotected.contains(d.householdId()))
                .skip(n).findFirst().orElseThrow().id();
    }

    private static String protectedBell(String ward) {
        Set<String> protectedHomes = BackendProcess.CITY.households().stream().filter(DemoCity.Household::protectedPerson)
                .map(DemoCity.Household::id).collect(Collectors.toSet());
        return BackendProcess.CITY.devices().stream()
                .filter(d -> d.family() == DeviceFamily.EMERGENCY_BELL && d.id().contains("-" + ward + "-")
                        && protectedHomes.contains(d.householdId()))
                .findFirst().orElseThrow().id();
    }

    private void send(String deviceId, String type) {
        assertThat(backend.alarm(strategies, deviceId, type).durable()).isTrue();
    }

    /** Each shown row of the queue, its cells' texts joined. */
    @SuppressWarnings("unchecked")
    private static List<String> queueRows(WebDriver driver) {
        Object rows = js(driver, "const g = document.getElementById('incident-queue'); if (!g) return [];"
                + " return [...g.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden && r.index !== undefined)"
                + ".sort((a, b) => a.index - b.index)"
                + ".map(r => [...r.querySelectorAll('td')].filter(td => !td._column || !td._column.hidden)"
                + ".map(td => td._content ? td._content.textContent : '').join(' | '));");
        return rows == null ? List.of() : (List<String>) rows;
    }

    private static void clickRow(WebDriver driver, String containing) {
        clickRowAt(driver, queueRows(driver).stream().filter(r -> r.contains(containing)).findFirst()
                .map(queueRows(driver)::indexOf).orElseThrow());
    }

    private static void clickRowAt(WebDriver driver, int position) {
        js(driver, "const g = document.getElementById('incident-queue');"
                + " const r = [...g.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden && r.index !== undefined)"
                + ".sort((a, b) => a.index - b.index)[arguments[0]];"
                + " r.querySelectorAll('td')[2]._content.click();", position);
    }

    private static String gridText(WebDriver driver, String id) {
        Object value = js(driver, "const g = document.getElementById(arguments[0]); if (!g) return '';"
                + " return [...g.querySelectorAll('vaadin-grid-cell-content')].map(c => c.textContent).join(' | ');", id);
        return value == null ? "" : value.toString();
    }

    private static String notifications(WebDriver driver) {
        Object value = js(driver, "return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.textContent).join(' | ');");
        return value == null ? "" : value.toString();
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String text(WebDriver driver, String id) {
        Object value = js(driver, "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return value == null ? "" : value.toString();
    }

    private static boolean shown(WebDriver driver, String id) {
        return Boolean.TRUE.equals(js(driver, "const e = document.getElementById(arguments[0]); return !!e && e.checkVisibility();", id));
    }

    private static boolean enabled(WebDriver driver, String id) {
        return Boolean.TRUE.equals(js(driver, "const e = document.getElementById(arguments[0]); return !!e && !e.hasAttribute('disabled');", id));
    }
}
