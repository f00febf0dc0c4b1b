package kr.anshim.ui;

import kr.anshim.api.DemoCity;
import kr.anshim.api.welfare.DemoWelfare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in headless Chromium: the demo officer registers a visit on the welfare screen's form,
 * the team does not check in by its expected return (the next minute; the backend checks every
 * second here), and the overdue incident appears live on the officer's queue and on the supervisor's console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("demo")
class VisitOverrunBrowserIT {

    private static BackendProcess backend;

    @LocalServerPort
    int uiPort;

    WebDriver driver;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) throws Exception {
        backend = BackendProcess.start("e2e-visit-overrun", List.of("--anshim.welfare.check-every=PT1S",
                "--anshim.welfare.police-after=PT30S"));
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
    void an_officer_registers_a_visit_that_runs_over_and_its_incident_appears_on_their_queue_and_the_console() throws Exception {
        DemoCity.Household home = BackendProcess.CITY.households().stream().filter(h -> h.wardCode().equals(DemoWelfare.WARD))
                .findFirst().orElseThrow();
        driver = Browser.start("officer");
        Browser.signIn(driver, uiPort, DemoWelfare.OFFICER);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(By.id("welfare-queue")).isEmpty());
        assertThat(driver.findElement(By.id("signed-in-user")).getText()).contains("서대문구");

        type("visit-household", home.id());
        type("visit-first", "김복지");
        type("visit-second", "이안전");
        LocalDateTime back = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusMinutes(1).withSecond(0).withNano(0);
        // the picker tells the server on its change event, as when a person picks a time
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                        + " arguments[0].dispatchEvent(new CustomEvent('change', {bubbles: true}));", driver.findElement(By.id("visit-expected")),
                back.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        driver.findElement(By.id("visit-register")).click();
        String expected = back.format(DateTimeFormatter.ofPattern("MM-dd HH:mm"));
        wait.until(d -> d.findElement(By.id("welfare-visits")).getText().contains(home.id()));
        assertThat(driver.findElement(By.id("welfare-visits")).getText()).as("the expected return the form sent").contains(expected);
        Browser.screenshot(driver, "welfare-visit-registered");

        new WebDriverWait(driver, Duration.ofSeconds(150), Duration.ofMillis(250))
                .until(d -> d.findElement(By.id("welfare-queue")).getText().contains("방문 직원 안전"));
        assertThat(driver.findElement(By.id("welfare-queue")).getText()).contains("방문팀 복귀 지연");
        Browser.screenshot(driver, "welfare-visit-overdue");
        driver.quit();

        driver = Browser.start("supervisor-welfare");
        Browser.signIn(driver, uiPort, "supervisor");
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250))
                .until(d -> !d.findElements(By.id("incident-queue")).isEmpty()
                        && d.findElement(By.id("incident-queue")).getText().contains("방문 직원 안전"));
        Browser.screenshot(driver, "console-visit-overdue");
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.findElement(By.cssSelector("input")).sendKeys(text);
    }
}
