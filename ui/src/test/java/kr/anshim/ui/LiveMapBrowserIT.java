package kr.anshim.ui;

import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.ui.map.WardMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a real backend process, this UI, headless Chromium. An alarm sent over RSocket
 * appears on the open map as a marker, pushed by the server, with no reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class LiveMapBrowserIT {

    private static BackendProcess backend;

    @LocalServerPort
    int uiPort;

    @Autowired
    RSocketRequester.Builder requesters;

    WebDriver driver;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws Exception {
        backend = BackendProcess.start("e2e-live-map");
        registry.add("anshim.backend.port", backend::rsocketPort);
    }

    @AfterAll
    static void stopBackend() throws InterruptedException {
        if (backend != null) {
            backend.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void an_alarm_sent_over_rsocket_appears_as_a_marker_on_the_ward_map_without_a_reload() throws Exception {
        driver = Browser.start("live-map");
        driver.get("http://127.0.0.1:" + uiPort + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("anshim-ward-map[wards='25']")));
        assertThat(driver.findElements(By.cssSelector("path.anshim-ward"))).hasSize(25);
        assertThat(driver.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
                .contains("통계청").contains("공공누리");
        int before = driver.findElements(By.cssSelector("path.anshim-incident")).size();

        DemoCity.Device camera = DemoCity.generate(0.1, 20221101L).devices().stream()
                .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).findFirst().orElseThrow();
        DeviceEvent alarm = new DeviceEvent(UUID.randomUUID(), camera.id(), Instant.now(), "FORCED_ENTRY", Map.of());
        RSocketRequester device = requesters.dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.device(camera.id(), camera.token()))
                .tcp("127.0.0.1", backend.rsocketPort());
        long sentAt = System.nanoTime();
        Ack ack = device.route(Routes.ALARM).data(alarm).retrieveMono(Ack.class).block(Duration.ofSeconds(10));
        assertThat(ack).isEqualTo(Ack.stored(alarm.eventId()));

        new WebDriverWait(driver, Duration.ofSeconds(5), Duration.ofMillis(20)).until(d ->
                d.findElements(By.cssSelector("path.anshim-incident")).size() > before);
        long shownAfterMillis = (System.nanoTime() - sentAt) / 1_000_000;
        System.out.println("Marker appeared " + shownAfterMillis + " ms after the alarm was sent");
        assertThat(driver.findElements(By.cssSelector("path.anshim-incident.severity-high"))).isNotEmpty();
        assertThat(driver.findElement(By.id("live-status")).getText()).contains("열린 사건");
        assertThat(WardMap.ATTRIBUTION).contains("southkorea-maps");
        Browser.screenshot(driver, "live-map-with-incident");
        device.dispose();
    }
}
