package kr.anshim.ui;

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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, findings 5, 8 and 9 at 1920×1080 in headless Chromium against the real backend: twelve
 * alarms in 관악구 within a minute (and a critical bell) flood the supervisor's console, which turns
 * to the flood view by itself (indicator, grouped by building, the critical pinned on top); a
 * building's group is acknowledged in one action; the operator can go back to the normal view. The
 * critical incident is then dispatched: the basis must be chosen, the fee is shown, and the unit
 * appears on the incident with its live status and fee, in the timeline and on the status board.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class ConsoleFloodIT {

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
        backend = BackendProcess.start("e2e-console-flood");
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
    void a_flood_groups_the_queue_a_group_is_acknowledged_at_once_and_a_dispatch_shows_its_unit_basis_and_fee() throws Exception {
        driver = Browser.start("console-flood");
        Browser.signIn(driver, uiPort, "supervisor");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        assertThat(shown("flood-indicator")).as("no flood before the alarms").isFalse();

        // 관악구: 12 door cameras of households without a protected person (TAMPER never merges into a prowler) and a bell
        IntStream.of(1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
                .forEach(n -> send("DC-11620-%04d".formatted(n), "TAMPER"));
        send("EB-11620-0002", "BELL_PRESSED");

        wait.until(d -> shown("flood-indicator"));
        assertThat(text("flood-indicator")).contains("경보 폭주 · flood");
        wait.until(d -> cell(0, "group").contains("긴급 고정"));
        assertThat(cell(0, "kind")).as("the critical bell pinned on top").contains("비상벨");
        assertThat(groupColumnShown()).isTrue();
        Browser.screenshot(driver, "console-flood-view");

        // a building's group: B-11620-003 holds five households (0003 to 0007)
        int row = rowWith("group", "건물 5건");
        clickCell(row, "kind");
        wait.until(d -> enabled("bulk-acknowledge"));
        assertThat(text("bulk-acknowledge")).contains("5건");
        // the map rings and centres the selected incident, of a building whose five markers lie within 21 m (issue 11: 7)
        wait.until(d -> Boolean.TRUE.equals(js("return !!document.querySelector('anshim-ward-map .anshim-incident.selected');")));
        assertThat(js("return document.querySelector('anshim-ward-map').getAttribute('selected')")).isNotNull().isNotEqualTo("");
        assertThat(js("return getComputedStyle(document.querySelector('#map-legend .anshim-legend-swatch.severity-critical'))"
                + ".backgroundColor")).as("the legend's critical dot in the map's critical colour").isEqualTo("rgb(255, 69, 58)");
        assertThat(((Number) js("return document.querySelectorAll('anshim-ward-map .anshim-layers input[type=checkbox]').length"))
                .intValue()).as("incidents, responders, offline devices").isEqualTo(3);
        wait.until(d -> ((Number) js("return document.querySelectorAll('anshim-ward-map .anshim-responder').length")).intValue() > 0);
        js("document.querySelectorAll('anshim-ward-map .anshim-layers input[type=checkbox]')[1].click()");
        wait.until(d -> ((Number) js("return document.querySelectorAll('anshim-ward-map .anshim-responder').length")).intValue() == 0);
        js("document.querySelectorAll('anshim-ward-map .anshim-layers input[type=checkbox]')[1].click()");
        Browser.screenshot(driver, "console-map-selected");
        driver.findElement(By.id("bulk-acknowledge")).click();
        wait.until(d -> notifications().contains("확인 5건 · 거부 0건"));
        wait.until(d -> count("status", "확인") == 5);
        assertThat(cell(0, "status")).as("the pinned critical stays new").contains("신규");
        Browser.screenshot(driver, "console-flood-acknowledged");

        driver.findElement(By.id("flood-normal-view")).click();
        wait.until(d -> !groupColumnShown());
        assertThat(shown("flood-indicator")).as("the flood goes on; only the view changed").isTrue();

        // dispatch the critical bell: acknowledge, then choose the basis
        clickCell(rowWith("kind", "비상벨"), "kind");
        wait.until(d -> enabled("action-acknowledge"));
        driver.findElement(By.id("action-acknowledge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "확인"));
        wait.until(d -> Boolean.TRUE.equals(js("const b = document.querySelector('#recommended-responders vaadin-button');"
                + " return !!b && !b.hasAttribute('disabled');")));
        js("document.querySelector('#recommended-responders vaadin-button').click()");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dispatch-confirm")));
        assertThat(enabled("dispatch-confirm")).as("no basis chosen, nothing to send").isFalse();
        assertThat(text("dispatch-fee")).contains("출동 근거를 선택하세요");
        js("[...document.querySelectorAll('#dispatch-basis vaadin-radio-button')]"
                + ".find(r => r.textContent.includes('거주자 요청 (유료 25,000원)')).querySelector('input').click()");
        wait.until(d -> text("dispatch-fee").contains("거주자 부담 25,000원"));
        Browser.screenshot(driver, "console-dispatch-basis");
        driver.findElement(By.id("dispatch-confirm")).click();

        wait.until(d -> text("assigned-units").contains("거주자 요청 · 거주자 부담 25,000원"));
        wait.until(d -> text("assigned-units").contains("출동 지령"));
        assertThat(text("assigned-units")).contains("도착 예상").contains("위치");
        wait.until(d -> text("incident-panel").contains("거주자 요청 출동, 요금 25,000원"));
        Browser.screenshot(driver, "console-dispatch-shown");

        driver.findElement(By.id("tab-board")).click();
        wait.until(d -> shown("responder-board"));
        wait.until(d -> boardHas("출동 지령") && boardHas("비상벨"));
        assertThat(shown("incident-queue")).isFalse();
        Browser.screenshot(driver, "console-responder-board");
        assertThat(pageFits()).as("no page overflow at 1920×1080").isTrue();
    }

    /** The texts of the notifications on screen (their cards live in an overlay, not in the notification element). */
    private String notifications() {
        Object value = js("return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.textContent).join(' | ');");
        return value == null ? "" : value.toString();
    }

    private boolean boardHas(String text) {
        return Boolean.TRUE.equals(js("return [...document.querySelectorAll('vaadin-grid#responder-board vaadin-grid-cell-content')]"
                + ".some(c => c.textContent.includes(arguments[0]));", text));
    }

    /** The text of a queue cell by row index and column key, read from the grid's data in the browser. */
    private String cell(int row, String key) {
        Object value = js("const g = document.getElementById('incident-queue');"
                + " const col = [...g.querySelectorAll('vaadin-grid-column')][arguments[1]];"
                + " const r = [...g.shadowRoot.querySelectorAll('#items tr')].find(x => x.index === arguments[0] && !x.hidden);"
                + " if (!r) return '';"
                + " const cell = [...r.querySelectorAll('td')].find(td => td._column === col);"
                + " return cell && cell._content ? cell._content.textContent : '';", row, columnIndex(key));
        return value == null ? "" : value.toString();
    }

    private int columnIndex(String key) {
        return switch (key) {
            case "severity" -> 0;
            case "score" -> 1;
            case "kind" -> 2;
            case "group" -> 3;
            case "ward" -> 4;
            case "age" -> 5;
            case "status" -> 6;
            default -> throw new IllegalArgumentException(key);
        };
    }

    private int rowWith(String key, String text) {
        for (int i = 0; i < 20; i++) {
            if (cell(i, key).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no row with " + key + " " + text);
    }

    private int count(String key, String text) {
        int n = 0;
        for (int i = 0; i < 20; i++) {
            if (cell(i, key).contains(text)) {
                n++;
            }
        }
        return n;
    }

    private void clickCell(int row, String key) {
        js("const g = document.getElementById('incident-queue');"
                + " const col = [...g.querySelectorAll('vaadin-grid-column')][arguments[1]];"
                + " const r = [...g.shadowRoot.querySelectorAll('#items tr')].find(x => x.index === arguments[0]);"
                + " const cell = [...r.querySelectorAll('td')].find(td => td._column === col);"
                + " cell._content.click();", row, columnIndex(key));
    }

    private boolean groupColumnShown() {
        return Boolean.TRUE.equals(js("const col = [...document.querySelectorAll('#incident-queue vaadin-grid-column')][3];"
                + " return !!col && !col.hidden;"));
    }

    private boolean pageFits() {
        return Boolean.TRUE.equals(js("return document.documentElement.scrollHeight <= window.innerHeight"
                + " && document.documentElement.scrollWidth <= window.innerWidth"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String text(String id) {
        Object value = js("const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return value == null ? "" : value.toString();
    }

    private boolean shown(String id) {
        return Boolean.TRUE.equals(js("const e = document.getElementById(arguments[0]); return !!e && e.checkVisibility();", id));
    }

    private boolean enabled(String id) {
        return Boolean.TRUE.equals(js("const e = document.getElementById(arguments[0]); return !!e && !e.hasAttribute('disabled');", id));
    }

    private void send(String deviceId, String type) {
        assertThat(backend.alarm(strategies, deviceId, type).durable()).isTrue();
    }
}
