package kr.anshim.loadtests;

import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest-to-screen latency during a load run: a supervisor's live stream on one instance, and a
 * probe every {@code every} from households the load never touches, sent to another instance when
 * there is one (so the change crosses the cluster). A probe's latency runs from just before it is
 * sent to the first frame of its household's incident updated at or after that moment (the
 * server's clock is this machine's). Probes not seen within 15 s are counted, not timed.
 */
final class ScreenProbe {

    private static final long GIVE_UP = TimeUnit.SECONDS.toNanos(15);

    private record Sent(long nanos, Instant at) {
    }

    private final Map<String, Sent> outstanding = new ConcurrentHashMap<>();
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong unseen = new AtomicLong();
    private final List<DemoCity.Device> probes;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean measuring;

    private ScreenProbe(List<DemoCity.Device> probes) {
        this.probes = probes;
    }

    /** Door cameras of households set apart from the load, one per household. */
    static List<DemoCity.Device> probeDevices(List<DemoCity.Device> all, int count) {
        Map<String, DemoCity.Device> perHousehold = new java.util.LinkedHashMap<>();
        all.stream().filter(d -> d.family() == kr.anshim.api.DeviceFamily.DOOR_CAMERA && d.householdId() != null)
                .forEach(d -> perHousehold.putIfAbsent(d.householdId(), d));
        return perHousehold.values().stream().limit(count).toList();
    }

    static ScreenProbe start(RSocketStrategies strategies, String host, int screenPort, int sendPort,
                             List<DemoCity.Device> probes, Duration every, long untilNanos, List<Disposable> toClose) {
        ScreenProbe probe = new ScreenProbe(probes);
        RSocketRequester screen = IdleReaders.signedIn(strategies, host, screenPort);
        RSocketRequester gateway = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                .tcp(host, sendPort);
        Disposable live = screen.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                .mapNotNull(LiveFrame::incident)
                .subscribe(probe::seen, error -> System.err.println("probe screen ended: " + error));
        Disposable sending = Flux.interval(every, every)
                .onBackpressureDrop()
                .takeWhile(tick -> System.nanoTime() < untilNanos)
                // not waiting for a probe's acknowledgement before the next: at most 16 in flight
                .flatMap(tick -> probe.send(gateway).onErrorResume(error -> reactor.core.publisher.Mono.empty()), 16)
                .subscribe();
        toClose.add(Disposables.composite(sending, live, screen::dispose, gateway::dispose));
        return probe;
    }

    private reactor.core.publisher.Mono<Void> send(RSocketRequester gateway) {
        expire();
        DemoCity.Device device = probes.get(Math.floorMod(next.getAndIncrement(), probes.size()));
        if (outstanding.containsKey(device.householdId())) {
            return reactor.core.publisher.Mono.empty();
        }
        UUID id = UUID.randomUUID();
        Instant at = Instant.now();
        outstanding.put(device.householdId(), new Sent(System.nanoTime(), at));
        sent.incrementAndGet();
        byte[] event = ("{\"eventId\":\"" + id + "\",\"deviceId\":\"" + device.id() + "\",\"occurredAt\":\"" + at
                + "\",\"type\":\"LOITERING\",\"payload\":{\"dwellSeconds\":300}}").getBytes(StandardCharsets.UTF_8);
        return gateway.route(Routes.ALARM).data(event).retrieveMono(byte[].class).then();
    }

    private void seen(IncidentView view) {
        if (view.householdId() == null) {
            return;
        }
        Sent probe = outstanding.get(view.householdId());
        // the server stamps updatedAt when it plans the change, after the probe was sent (whole milliseconds)
        if (probe == null || view.updatedAt().plusMillis(1).isBefore(probe.at())
                || !outstanding.remove(view.householdId(), probe)) {
            return;
        }
        if (measuring) {
            latency.recordValue(Math.min(System.nanoTime() - probe.nanos(), TimeUnit.SECONDS.toNanos(60)));
        }
    }

    private void expire() {
        long now = System.nanoTime();
        outstanding.forEach((household, probe) -> {
            if (now - probe.nanos() > GIVE_UP && outstanding.remove(household, probe) && measuring) {
                unseen.incrementAndGet();
            }
        });
    }

    /** From now on probes are timed (after the warm-up). */
    void measure() {
        measuring = true;
    }

    String summary() {
        return String.format("ingest-to-screen ms (probe sent -> supervisor's frame): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f"
                        + "  (n=%,d, %,d not seen in 15 s, %,d sent)",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, latency.getTotalCount(),
                unseen.get(), sent.get());
    }
}
