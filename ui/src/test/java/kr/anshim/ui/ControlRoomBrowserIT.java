package kr.anshim.ui;

import kr.anshim.api.CommandResult;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.Routes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in headless Chromium against a real backend process and this UI: sign in, watch an
 * alarm arrive live on the queue and the map (pushed, no reload), acknowledge and dispatch it;
 * a 마포구 operator never sees a 송파구 alarm; the police liaison sees the incident on their screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class ControlRoomBrowserIT {

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
        backend = BackendProcess.start("e2e-control-room");
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
    void an_operator_signs_in_sees_an_alarm_arrive_live_and_acknowledges_and_dispatches_it() throws Exception {
        driver = Browser.start("operator");
        signIn("op.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("anshim-ward-map[wards='25']")));
        assertThat(driver.findElements(By.cssSelector("path.anshim-ward"))).hasSize(25);
        assertThat(driver.findElement(By.cssSelector(".leaflet-control-attribution")).getText()).contains("통계청").contains("공공누리");
        assertThat(driver.findElement(By.id("signed-in-user")).getText()).contains("마포구");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        int before = markers();

        // 송파구 first: the live stream is ordered, so once the 마포구 alarm has arrived the 송파구 one
        // would already be on screen if scoping let it through
        send("DC-11710-0002", "FORCED_ENTRY");
        long sentAt = System.nanoTime();
        send("DC-11440-0001", "FORCED_ENTRY");
        new WebDriverWait(driver, Duration.ofSeconds(5), Duration.ofMillis(20))
                .until(d -> d.findElement(By.id("incident-queue")).getText().contains("강제 침입"));
        System.out.println("Alarm appeared " + (System.nanoTime() - sentAt) / 1_000_000 + " ms after it was sent");
        new WebDriverWait(driver, Duration.ofSeconds(5), Duration.ofMillis(20)).until(d -> markers() > before);
        assertThat(markers()).as("the 송파구 alarm must not reach a 마포구 operator").isEqualTo(before + 1);
        String queue = driver.findElement(By.id("incident-queue")).getText();
        // a one-ward operator's queue has no ward column (issue 11); the map's count above is the scoping check
        assertThat(queue).contains("강제 침입").doesNotContain("송파구");
        Browser.screenshot(driver, "console-new-alarm");

        clickRow("강제 침입");
        wait.until(d -> clicked(By.id("action-acknowledge")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "확인"));
        Browser.screenshot(driver, "console-acknowledged");
        // the panel re-renders as recommendations and live updates arrive: click a fresh element
        wait.until(d -> clicked(By.cssSelector("#recommended-responders vaadin-button")));
        // the dispatch asks for its basis (issue 11: 5): a forced entry is an abnormal signal, free
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dispatch-basis")));
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const r = [...document.querySelectorAll('#dispatch-basis vaadin-radio-button')]"
                        + ".find(b => b.textContent.includes('이상신호 감지')); if (r) r.querySelector('input').click(); return !!r;")));
        wait.until(d -> clicked(By.cssSelector("#dispatch-confirm:not([disabled])")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "출동"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-panel"), "출동 지령"));
        Browser.screenshot(driver, "console-dispatched");
    }

    @Test
    void the_police_liaison_sees_the_incidents_of_their_station_and_accepts_an_operators_112_hand_off() throws Exception {
        IncidentView incident = sendAndFind("DC-11440-0002", "TAMPER", "H-11440-0002");
        driver = Browser.start("police");
        signIn("police.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("police-queue"), "기기 훼손"));
        // police never start a hand-off: no button until an operator has
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("police-queue"), "관제요원 인계 대기"));
        assertThat(driver.findElements(By.id("call112-" + incident.id()))).isEmpty();

        assertThat(serviceCommand(IncidentCommand.of(incident.id(), IncidentCommand.Action.CALL_112, "op.mapo")
                .withValue("REQUESTED")).accepted()).isTrue();
        WebElement accept = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("call112-" + incident.id())));
        assertThat(accept.getText()).contains("경찰 접수");
        accept.click();
        // accepted: the next step offered is "patrol assigned"
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("call112-" + incident.id()), "순찰차 배정"));
        Browser.screenshot(driver, "police-liaison");
    }

    @Test
    void pages_carry_the_security_headers_and_the_app_signs_in_and_renders_under_the_csp() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> root = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + uiPort + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> login = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + uiPort + "/login")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        for (java.net.http.HttpResponse<String> page : List.of(root, login)) {
            var headers = page.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as("CSP on " + page.uri()).get().asString()
                    .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'").doesNotContain("*");
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Location").orElse("")).doesNotContainIgnoringCase("jsessionid");
            assertThat(page.body()).doesNotContainIgnoringCase("jsessionid=");
        }
        assertThat(root.statusCode()).isEqualTo(302);
        List<String> cookies = java.util.stream.Stream.of(root, login).flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));

        driver = Browser.start("csp");
        signIn("op.mapo");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("anshim-ward-map[wards='25']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "실시간"));
        assertThat(driver.findElements(By.cssSelector("path.anshim-ward"))).hasSize(25);
        assertThat(driver.getCurrentUrl()).doesNotContainIgnoringCase("jsessionid");
        List<String> violations = Browser.cspViolations(driver);
        assertThat(violations).as("CSP violations while signing in and rendering").isEmpty();

        // positive control: a load the policy forbids is blocked and shows up in the console log we read
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "var i = document.createElement('img'); i.src = 'https://tiles.example.invalid/0/0/0.png'; document.body.appendChild(i);");
        new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100))
                .until(d -> violations.addAll(Browser.cspViolations(d)) && !violations.isEmpty());
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("tiles.example.invalid"));
    }

    @Test
    void the_supervisor_sees_every_ward_and_response_times_from_the_audit_trail() throws Exception {
        // the operator's own signed-in connection: a service connection may not use screen routes
        RSocketRequester service = userConnection("op.mapo");
        DemoCity.Household home = BackendProcess.CITY.households().stream().filter(h -> h.id().equals("H-11440-0003")).findFirst().orElseThrow();
        send("DC-11440-0003", "TAMPER");
        IncidentView incident = service.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude())
                .blockFirst(Duration.ofSeconds(10));
        CommandResult acknowledged = service.route(Routes.INCIDENT_COMMAND)
                .data(IncidentCommand.of(incident.id(), IncidentCommand.Action.ACKNOWLEDGE, "op.mapo"))
                .retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
        assertThat(acknowledged.accepted()).isTrue();
        service.dispose();

        driver = Browser.start("supervisor");
        signIn("supervisor");
        driver.get("http://127.0.0.1:" + uiPort + "/supervisor");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ward-load"), "송파구"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("anshim-chart#response-time-chart[rendered] canvas")));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('response-time-chart').scrollIntoView()");
        wait.until(d -> d.findElements(By.cssSelector("#response-time-table vaadin-grid-cell-content")).stream()
                .anyMatch(cell -> cell.getAttribute("textContent").contains("마포구")));
        assertThat(driver.findElement(By.id("response-times-summary")).getAttribute("textContent")).contains("acknowledge");
        assertThat(driver.findElement(By.id("operator-workload")).getText()).contains("op.mapo");
        assertThat(driver.findElement(By.id("response-times-csv")).getAttribute("href")).isNotBlank();
        Browser.screenshot(driver, "supervisor-response-times");
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

    private IncidentView sendAndFind(String deviceId, String type, String householdId) {
        DemoCity.Household home = BackendProcess.CITY.households().stream().filter(h -> h.id().equals(householdId)).findFirst().orElseThrow();
        RSocketRequester service = serviceConnection();
        try {
            send(deviceId, type);
            return service.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class).mapNotNull(LiveFrame::incident)
                    .filter(i -> i.latitude() == home.latitude() && i.longitude() == home.longitude())
                    .blockFirst(Duration.ofSeconds(10));
        } finally {
            service.dispose();
        }
    }

    private CommandResult serviceCommand(IncidentCommand command) {
        RSocketRequester service = serviceConnection();
        try {
            return service.route(Routes.INCIDENT_COMMAND).data(command).retrieveMono(CommandResult.class).block(Duration.ofSeconds(10));
        } finally {
            service.dispose();
        }
    }

    /** A signed-in supervisor's own connection: screen routes are for users, never the service token. */
    private RSocketRequester serviceConnection() {
        return userConnection("supervisor");
    }

    private RSocketRequester userConnection(String username) {
        RSocketRequester service = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", "demo-ui-token")).tcp("127.0.0.1", backend.rsocketPort());
        try {
            kr.anshim.api.LoginResult login = service.route(Routes.LOGIN)
                    .data(new kr.anshim.api.LoginRequest(username, "anshim-demo", "browser-test"))
                    .retrieveMono(kr.anshim.api.LoginResult.class).block(Duration.ofSeconds(30));
            assertThat(login.ok()).as("sign-in of %s", username).isTrue();
            return RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                    .setupData(ConnectionCredentials.user(username, login.token())).tcp("127.0.0.1", backend.rsocketPort());
        } finally {
            service.dispose();
        }
    }

    private boolean clicked(By locator) {
        try {
            List<WebElement> found = driver.findElements(locator);
            if (found.isEmpty()) {
                return false;
            }
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(); arguments[0].click();", found.get(0));
            return true;
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.ElementNotInteractableException e) {
            return false;
        }
    }

    private void clickRow(String text) {
        for (WebElement cell : driver.findElements(By.cssSelector("vaadin-grid#incident-queue vaadin-grid-cell-content"))) {
            if (cell.getText().contains(text)) {
                cell.click();
                return;
            }
        }
    }

    /**
     * The incidents on the map, as the map counts them: markers alone would not do, since a new
     * incident near another one joins its cluster (how near depends on the map's width and zoom).
     */
    private int markers() {
        String count = driver.findElement(By.cssSelector("anshim-ward-map")).getAttribute("incidents");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private void send(String deviceId, String type) {
        assertThat(backend.alarm(strategies, deviceId, type).durable()).isTrue();
    }
}
