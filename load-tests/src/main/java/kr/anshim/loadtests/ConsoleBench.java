package kr.anshim.loadtests;

import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator console under load, in headless Chromium (a benchmark, not a test): the supervisor's
 * console holds {@code --open} open incidents while {@code --rate} changes a second arrive; then
 * <ul>
 *   <li>click-to-panel: a queue row is clicked, until the incident panel has been rendered anew for it
 *   (measured in the page: from the click to the first change of the panel after it);</li>
 *   <li>alarm-to-row: an SOS is sent from a household with no open incident, until its row is in the
 *   rendered queue (from just before the send, by this machine's clock, to the page's first sight of it).</li>
 * </ul>
 * Arguments: {@code --port=<backend rsocket> --ui=http://127.0.0.1:8080 --households-per-thousand=2
 * --open=2000 --rate=50 --samples=40}. Needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
public final class ConsoleBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        int port = Integer.parseInt(options.getOrDefault("port", "7000"));
        String ui = options.getOrDefault("ui", "http://127.0.0.1:8080");
        int open = Integer.parseInt(options.getOrDefault("open", "2000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "50"));
        int samples = Integer.parseInt(options.getOrDefault("samples", "40"));
        DemoCity city = DemoCity.generate(Double.parseDouble(options.getOrDefault("households-per-thousand", "2")), 20221101L);
        List<DemoCity.Device> cameras = city.devices().stream().filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).toList();
        if (cameras.size() < open + samples) {
            throw new IllegalArgumentException("the city has " + cameras.size() + " cameras; raise --households-per-thousand");
        }
        List<DemoCity.Device> seeded = cameras.subList(0, open);
        // probes: SOS buttons of households with no seeded incident
        java.util.Set<String> busy = new java.util.HashSet<>();
        seeded.forEach(d -> busy.add(d.householdId()));
        List<DemoCity.Device> probes = city.devices().stream()
                .filter(d -> d.family() == DeviceFamily.SOS_BUTTON && !busy.contains(d.householdId())).limit(samples).toList();

        RSocketRequester gateway = RSocketRequester.builder().rsocketStrategies(LoadRun.strategies())
                .dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                .tcp("127.0.0.1", port);
        System.out.printf("Seeding %,d open incidents ...%n", open);
        Flux.fromIterable(seeded).flatMap(d -> alarm(gateway, d, "TAMPER"), 32).blockLast(Duration.ofMinutes(5));

        WebDriver driver = chromium();
        try {
            signIn(driver, ui);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofMinutes(3));
            wait.until(d -> liveCount(d) >= open);
            if (shown(driver, "flood-normal-view")) {
                driver.findElement(By.id("flood-normal-view")).click(); // measure the normal queue; the flood view is grouped
            }
            AtomicLong changes = new AtomicLong();
            Disposable load = Flux.interval(Duration.ofMillis(1000 / rate), Schedulers.parallel()).onBackpressureDrop()
                    .flatMap(tick -> alarm(gateway, seeded.get((int) (tick % seeded.size())), "TAMPER")
                            .doOnNext(ack -> changes.incrementAndGet()), 16)
                    .subscribe();
            try {
                // the changes flowing before measuring: five seconds' worth acknowledged
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> changes.get() >= (long) (rate * 5));
                List<Double> click = clickToPanel(driver, samples);
                List<Double> alarm = alarmToRow(driver, gateway, probes);
                System.out.printf("%nConsole benchmark: %,d open incidents, %d changes/s (%,d sent), supervisor console,"
                        + " headless Chromium 1920x1080%n", liveCount(driver), rate, changes.get());
                report("click-to-panel", click);
                report("alarm-to-row", alarm);
            } finally {
                load.dispose();
            }
        } finally {
            driver.quit();
            gateway.dispose();
        }
    }

    private static List<Double> clickToPanel(WebDriver driver, int samples) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Object ms = ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const row = arguments[0];
                    const g = document.getElementById('incident-queue');
                    const r = [...g.shadowRoot.querySelectorAll('#items tr')].find(x => x.index === row && !x.hidden);
                    const cell = r && [...r.querySelectorAll('td')].find(td => td._content && td._content.textContent);
                    if (!cell) { done(-1); return; }
                    const panel = document.getElementById('incident-panel');
                    const t0 = performance.now();
                    const seen = new MutationObserver(() => { seen.disconnect(); done(performance.now() - t0); });
                    seen.observe(panel, { childList: true, subtree: true, characterData: true });
                    cell._content.click();
                    setTimeout(() => { seen.disconnect(); done(-1); }, 10000);
                    """, 1 + (i % 12));
            double value = ((Number) ms).doubleValue();
            if (value >= 0) {
                millis.add(value);
            }
            pause(300);
        }
        return millis;
    }

    private static List<Double> alarmToRow(WebDriver driver, RSocketRequester gateway, List<DemoCity.Device> probes) {
        List<Double> millis = new ArrayList<>();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (DemoCity.Device probe : probes) {
            // the page watches its rendered queue rows for one more emergency (SOS) row than it has now
            js.executeScript("""
                    const count = () => [...document.getElementById('incident-queue').shadowRoot.querySelectorAll('#items tr')]
                        .filter(r => !r.hidden && [...r.querySelectorAll('td')].some(td => td._content
                            && td._content.textContent.includes(arguments[0]))).length;
                    const before = count();
                    window.__benchSeen = 0;
                    const look = () => { if (count() > before) { window.__benchSeen = Date.now(); } else { requestAnimationFrame(look); } };
                    requestAnimationFrame(look);
                    """, "비상벨·SOS");
            long sent = System.currentTimeMillis();
            alarm(gateway, probe, "SOS_PRESSED").block(Duration.ofSeconds(30));
            long seen;
            try {
                seen = new WebDriverWait(driver, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(20))
                        .until(d -> {
                            long at = ((Number) js.executeScript("return window.__benchSeen")).longValue();
                            return at > 0 ? at : null;
                        });
            } catch (org.openqa.selenium.TimeoutException notSeen) {
                seen = 0;
            }
            if (seen > 0) {
                millis.add((double) (seen - sent));
            }
            pause(500);
        }
        return millis;
    }

    private static void report(String name, List<Double> millis) {
        if (millis.isEmpty()) {
            System.out.printf("%-15s no samples%n", name);
            return;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-15s n=%d  median %.0f ms  p95 %.0f ms  max %.0f ms%n", name, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static reactor.core.publisher.Mono<Ack> alarm(RSocketRequester gateway, DemoCity.Device device, String type) {
        return gateway.route(Routes.ALARM).data(new DeviceEvent(UUID.randomUUID(), device.id(), Instant.now(), type, Map.of()))
                .retrieveMono(Ack.class);
    }

    private static WebDriver chromium() throws java.io.IOException {
        Path profile = Files.createTempDirectory("anshim-bench-chrome");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getProperty("anshim.chromium", "/usr/bin/chromium")));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1920,1080", "--lang=ko-KR", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("anshim.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void signIn(WebDriver driver, String ui) {
        driver.get(ui + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(By.cssSelector("input[name='username']")).isEmpty());
        driver.findElement(By.cssSelector("input[name='username']")).sendKeys("supervisor");
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys("anshim-demo");
        driver.findElement(By.cssSelector("vaadin-button[slot='submit']")).click();
        wait.until(d -> !d.findElements(By.id("signed-in-user")).isEmpty());
    }

    private static int liveCount(WebDriver driver) {
        String text = driver.findElement(By.id("live-status")).getText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Integer.parseInt(text);
    }

    private static boolean shown(WebDriver driver, String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); return !!e && e.checkVisibility();", id));
    }

    /** Think time between two samples, so one sample's rendering does not overlap the next. */
    private static void pause(long millis) {
        // on Reactor's timer: the driver's calls are blocking anyway, the wait itself is a scheduled signal
        reactor.core.publisher.Mono.delay(Duration.ofMillis(millis)).block();
    }
}
