package kr.anshim.loadtests;

import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DemoSnapshots;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.api.SignalType;
import kr.anshim.api.SnapshotUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the demo city: heartbeats from every device all the time; device events at the
 * configured rate in plausible proportions; now and then a bell cluster at a protected household,
 * a device that falls silent, or a resend of an event whose acknowledgement "was lost".
 */
@Component
class CitySimulator implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(CitySimulator.class);
    private static final double RESEND_PROBABILITY = 0.02;
    private static final double SILENCE_PROBABILITY = 0.01;
    private static final double PROWLER_PROBABILITY = 0.01;
    /** About one loitering alarm in five gets a door-camera still (a few KiB), so snapshots stay a trickle. */
    private static final double SNAPSHOT_PROBABILITY = 0.2;
    /** A few protected households whose bells ring in clusters: the residents most at risk. */
    private static final int AT_RISK_BELLS = 5;

    private final SimulatorProperties properties;
    private final BackendAddresses backends;
    private final RSocketRequester.Builder requesters;
    private final Clock clock = Clock.systemUTC();
    private final SplittableRandom random;
    private final List<DemoCity.Device> devices;
    private final List<DemoCity.Device> protectedBells;
    private final double totalActivity;
    private final Map<String, Instant> silentUntil = new ConcurrentHashMap<>();
    private final List<List<DemoCity.Device>> sharedEntrances;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();

    private final Burst burst;
    private final List<DemoCity.Device> burstCameras;

    CitySimulator(SimulatorProperties properties, Burst burst, RSocketRequester.Builder requesters) {
        this.properties = properties;
        this.burst = burst;
        this.requesters = requesters;
        this.backends = new BackendAddresses(properties.host(), properties.port(), properties.others());
        this.random = new SplittableRandom(properties.seed() ^ System.nanoTime());
        DemoCity city = DemoCity.generate(properties.householdsPerThousand(), properties.seed());
        this.devices = city.devices();
        this.burstCameras = burst.on() ? burst.cameras(city) : List.of();
        this.protectedBells = devices.stream().filter(d -> d.family() == DeviceFamily.EMERGENCY_BELL)
                .limit(AT_RISK_BELLS).toList();
        Map<String, String> buildingOf = new java.util.HashMap<>();
        city.households().forEach(h -> buildingOf.put(h.id(), h.buildingId()));
        this.sharedEntrances = devices.stream().filter(d -> d.family() == DeviceFamily.DOOR_CAMERA)
                .collect(java.util.stream.Collectors.groupingBy(d -> buildingOf.get(d.householdId())))
                .values().stream().filter(cameras -> cameras.size() >= 2).map(List::copyOf).toList();
        this.totalActivity = devices.stream().mapToDouble(d -> EventMix.familyActivity(d.family())).sum();
    }

    @Override
    public void run(String... args) {
        RSocketRequester backend = requesters
                .dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.gateway(properties.gatewayId(), properties.gatewayToken()))
                .rsocketConnector(c -> c.reconnect(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(5)))
                        // frames stay under the backend's 64 KiB limit; only snapshots are ever this large
                        .fragment(16 * 1024))
                .transport(backends.transport());
        log.info("Simulating {} devices at {} events/s against {} (duration {}, count {})", devices.size(),
                properties.rate(), backends, properties.duration(), properties.count());
        Flux<Object> events = ticks(properties.rate())
                .flatMap(tick -> deviceEvent(backend), 64)
                .cast(Object.class);
        Flux<Object> heartbeats = ticks(devices.size() / (double) properties.heartbeatInterval().toSeconds())
                .index()
                .flatMap(i -> heartbeat(backend, devices.get((int) (i.getT1() % devices.size()))), 64)
                .cast(Object.class);
        // Responders: idle patrol positions, every responder every 10 s (see ResponderMovement).
        Flux<Object> responders = ResponderMovement.demo(properties.seed(), clock).positions(backend).cast(Object.class);
        // Welfare: 서대문구's enrolled people's activity summaries, and visiting teams (see WelfareTraffic).
        WelfareTraffic welfare = WelfareTraffic.demo(DemoCity.generate(properties.householdsPerThousand(), properties.seed()), clock);
        Flux<Object> welfareTraffic = Flux.merge(welfare.summaries(backend).cast(Object.class), welfare.visits(officer()));
        Flux<Object> all = Flux.merge(events, heartbeats, silences(), responders, welfareTraffic, burst(backend));
        if (properties.count() > 0) {
            all = all.takeUntil(x -> sent.get() >= properties.count());
        }
        if (!properties.duration().isZero()) {
            all = all.take(properties.duration());
        }
        all.then().block();
        log.info("Simulator done: sent {}, stored {}, duplicates {}, rejected {}, snapshots stored {}", sent.get(), stored.get(),
                duplicates.get(), rejected.get(), snapshots.get());
        backend.dispose();
    }

    /** The demo officer's own connection, signed in through the demo service token as the UI does (demo profile only). */
    private Mono<RSocketRequester> officer() {
        RSocketRequester service = requesters.dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", properties.serviceToken()))
                .transport(backends.transport());
        return Mono.delay(Duration.ofSeconds(10))
                .then(service.route(Routes.LOGIN).data(new kr.anshim.api.LoginRequest(kr.anshim.api.welfare.DemoWelfare.OFFICER,
                        "anshim-demo", "simulator")).retrieveMono(kr.anshim.api.LoginResult.class))
                .doFinally(signal -> service.dispose())
                .filter(kr.anshim.api.LoginResult::ok)
                .map(login -> requesters.dataMimeType(MediaType.APPLICATION_JSON)
                        .setupData(ConnectionCredentials.user(kr.anshim.api.welfare.DemoWelfare.OFFICER, login.token()))
                        .rsocketConnector(c -> c.reconnect(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                                .maxBackoff(Duration.ofSeconds(5))))
                        .transport(backends.transport()));
    }

    private static Flux<Long> ticks(double perSecond) {
        return Flux.interval(Duration.ofNanos((long) (1_000_000_000L / Math.max(perSecond, 0.01)))).onBackpressureDrop();
    }

    private Flux<Ack> deviceEvent(RSocketRequester backend) {
        if (!sharedEntrances.isEmpty() && random.nextDouble() < PROWLER_PROBABILITY) {
            return prowlerWalk(backend);
        }
        DemoCity.Device device = pickActiveDevice();
        SignalType type = EventMix.pick(device.family(), random);
        DeviceEvent event = event(device, type);
        Flux<Ack> acks = send(backend, event).flux();
        if (type == SignalType.LOITERING && device.family() == DeviceFamily.DOOR_CAMERA && random.nextDouble() < SNAPSHOT_PROBABILITY) {
            acks = acks.concatWith(snapshot(backend, event));
        }
        if (random.nextDouble() < RESEND_PROBABILITY) {
            acks = acks.concatWith(Mono.delay(Duration.ofSeconds(1)).then(send(backend, event)));
        }
        if (device.family() == DeviceFamily.EMERGENCY_BELL && type != SignalType.LOW_BATTERY) {
            acks = acks.concatWith(bellCluster(backend, device));
        }
        return acks;
    }

    /** The configured burst (see {@link Burst}), logged with its start and end so a run can be read against the flood record. */
    private Flux<Object> burst(RSocketRequester backend) {
        if (burstCameras.isEmpty()) {
            return Flux.empty();
        }
        return Mono.delay(burst.after())
                .doOnNext(tick -> log.info("Burst begins: {} door cameras in ward {} over {}", burstCameras.size(), burst.ward(), burst.over()))
                .thenMany(Flux.fromIterable(burstCameras).index()
                        .concatMap(camera -> Mono.delay(camera.getT1() == 0 ? Duration.ZERO : burst.gap())
                                .then(Mono.defer(() -> send(backend, event(camera.getT2(), SignalType.TAMPER))))))
                .doOnComplete(() -> log.info("Burst ends: {} sent in ward {}", burstCameras.size(), burst.ward()))
                .cast(Object.class);
    }

    /** Someone lingers at two or three doors of one building, a minute or so apart. */
    private Flux<Ack> prowlerWalk(RSocketRequester backend) {
        List<DemoCity.Device> building = sharedEntrances.get(random.nextInt(sharedEntrances.size()));
        int doors = Math.min(building.size(), 2 + random.nextInt(2));
        int first = random.nextInt(building.size());
        return Flux.range(0, doors)
                .concatMap(i -> Mono.delay(Duration.ofSeconds(i == 0 ? 0 : 20 + random.nextInt(40)))
                        .then(Mono.defer(() -> send(backend, event(building.get((first + i) % building.size()),
                                SignalType.LOITERING)))));
    }

    /** A frightened resident presses and shouts again: two or three more triggers over half a minute. */
    private Flux<Ack> bellCluster(RSocketRequester backend, DemoCity.Device bell) {
        int more = 2 + random.nextInt(2);
        return Flux.range(0, more)
                .concatMap(i -> Mono.delay(Duration.ofSeconds(5 + random.nextInt(10)))
                        .then(Mono.defer(() -> send(backend,
                                event(bell, i % 2 == 0 ? SignalType.VOICE_KEYWORD : SignalType.BELL_PRESSED)))));
    }

    private Mono<Void> heartbeat(RSocketRequester backend, DemoCity.Device device) {
        Instant until = silentUntil.get(device.id());
        if (until != null && clock.instant().isBefore(until)) {
            return Mono.empty();
        }
        return backend.route(Routes.HEARTBEAT).data(event(device, SignalType.HEARTBEAT)).send()
                .onErrorResume(e -> Mono.empty());
    }

    /**
     * Every minute a few devices fall silent for three to ten minutes (a battery dies, the Wi-Fi
     * drops), long enough for the control centre's supervision to notice, and then come back.
     */
    private Flux<Object> silences() {
        return Flux.interval(Duration.ofSeconds(5), Duration.ofSeconds(60)).doOnNext(i -> {
            Instant now = clock.instant();
            silentUntil.values().removeIf(now::isAfter);
            for (DemoCity.Device device : devices) {
                if (random.nextDouble() < SILENCE_PROBABILITY / 5) {
                    silentUntil.put(device.id(), now.plus(Duration.ofMinutes(3 + random.nextInt(8))));
                }
            }
            log.info("{} devices silent now", silentUntil.size());
        }).cast(Object.class);
    }

    private Mono<Ack> send(RSocketRequester backend, DeviceEvent event) {
        sent.incrementAndGet();
        return backend.route(Routes.ALARM).data(event).retrieveMono(Ack.class)
                .doOnNext(this::count)
                .onErrorResume(e -> {
                    rejected.incrementAndGet();
                    return Mono.empty();
                });
    }

    /** After the alarm's answer, the camera's still of it; its answer is counted apart from the alarms'. */
    private Mono<Ack> snapshot(RSocketRequester backend, DeviceEvent alarm) {
        return Mono.fromCallable(() -> SnapshotUpload.encode(alarm.eventId(), alarm.deviceId(),
                        DemoSnapshots.jpeg(random.nextLong(), 160, 120)))
                .flatMap(frame -> backend.route(Routes.SNAPSHOT).data(frame).retrieveMono(Ack.class))
                .doOnNext(ack -> {
                    if (ack.durable()) {
                        snapshots.incrementAndGet();
                    } else {
                        log.warn("Snapshot for {} refused: {} {}", ack.eventId(), ack.reason(), ack.message());
                    }
                })
                .onErrorResume(e -> Mono.empty())
                .then(Mono.empty());
    }

    private void count(Ack ack) {
        switch (ack.outcome()) {
            case STORED -> stored.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> {
                rejected.incrementAndGet();
                log.warn("Rejected {}: {} {}", ack.eventId(), ack.reason(), ack.message());
            }
        }
    }

    private DemoCity.Device pickActiveDevice() {
        if (!protectedBells.isEmpty() && random.nextDouble() < 0.01) {
            return protectedBells.get(random.nextInt(protectedBells.size()));
        }
        double roll = random.nextDouble() * totalActivity;
        for (DemoCity.Device device : devices) {
            roll -= EventMix.familyActivity(device.family());
            if (roll <= 0) {
                return device;
            }
        }
        return devices.get(devices.size() - 1);
    }

    private DeviceEvent event(DemoCity.Device device, SignalType type) {
        Map<String, Object> payload = EventMix.payload(type, random);
        return new DeviceEvent(UUID.randomUUID(), device.id(), clock.instant(), type.name(), payload);
    }
}
