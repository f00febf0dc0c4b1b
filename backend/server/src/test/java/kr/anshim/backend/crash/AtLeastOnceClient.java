package kr.anshim.backend.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.Routes;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway that keeps every event until the backend acknowledged it durably (STORED or
 * DUPLICATE), and sends it again after a lost connection: at-least-once, as the real gateways.
 * Sends rounds of events over {@code device.alarms} back to back; reconnects to whatever port
 * {@link #target(int)} says, and waits (retries) while there is none.
 */
final class AtLeastOnceClient implements AutoCloseable {

    private static final int NEW_PER_ROUND = 50;
    private static final int MAX_PER_ROUND = 500;

    private final RSocketStrategies strategies = strategies();
    private final List<DemoCity.Device> devices;
    private final String type;
    private final SplittableRandom random = new SplittableRandom(20221101L);
    private final Map<UUID, DeviceEvent> pending = new ConcurrentHashMap<>();
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedRounds = new AtomicLong();
    private final AtomicLong retryableRejections = new AtomicLong();

    /** Rejections that ask the device to resend later (the backend is saturated, or its database is down). */
    private static final Set<String> RESEND_LATER = Set.of("OVERLOADED", "STORAGE_UNAVAILABLE");
    private Disposable loop;
    /** The backends to send to, the first that answers taken; on a failed round the next one in turn. */
    private volatile List<Integer> ports = List.of();
    private int current;
    /** When each pending event was first sent, and per durable answer {answered, latency since first sent} in nanos. */
    private final Map<UUID, Long> firstSent = new ConcurrentHashMap<>();
    private final java.util.Queue<long[]> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean generating = true;
    private RSocketRequester requester;
    private int requesterPort = -1;

    AtLeastOnceClient(List<DemoCity.Device> devices) {
        this(devices, "MOTION");
    }

    /** Sending events of this type (with no payload), e.g. TAMPER, which opens an incident where MOTION only joins one. */
    AtLeastOnceClient(List<DemoCity.Device> devices, String type) {
        this.devices = devices;
        this.type = type;
    }

    /** Where the backend is now; -1 while it is down. The first call starts sending. */
    synchronized void target(int port) {
        targets(port > 0 ? List.of(port) : List.of());
    }

    /**
     * Several backends (a cluster): sends to the first, and after a failed round (a lost
     * connection, no answers in time) to the next in turn, as a gateway with a list of edges does.
     */
    synchronized void targets(List<Integer> ports) {
        this.ports = List.copyOf(ports);
        this.current = 0;
        if (loop != null) {
            return;
        }
        loop = Mono.defer(this::round)
                .repeatWhen(done -> done.delayElements(Duration.ofMillis(10)))
                .doOnError(this::lost)
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(200)))
                .subscribeOn(Schedulers.single())
                .subscribe();
    }

    /** Stops making new events; pending ones are still sent until acknowledged. */
    void stopGenerating() {
        generating = false;
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    Set<UUID> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int pending() {
        return pending.size();
    }

    long sent() {
        return sent.get();
    }

    long stored() {
        return stored.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long rejected() {
        return rejected.get();
    }

    long retryableRejections() {
        return retryableRejections.get();
    }

    long failedRounds() {
        return failedRounds.get();
    }

    /** Each durable answer as {answered at, latency from the event's first send}, both in nanos (System.nanoTime). */
    List<long[]> latencies() {
        return List.copyOf(latencies);
    }

    private synchronized Mono<Void> round() {
        List<Integer> targets = ports;
        int p = targets.isEmpty() ? -1 : targets.get(current % targets.size());
        if (p <= 0) {
            return Mono.error(new IllegalStateException("backend down"));
        }
        if (requester == null || requesterPort != p) {
            dropRequester();
            requester = RSocketRequester.builder().rsocketStrategies(strategies).dataMimeType(MediaType.APPLICATION_JSON)
                    .setupData(ConnectionCredentials.gateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID)))
                    .tcp("127.0.0.1", p);
            requesterPort = p;
        }
        List<DeviceEvent> batch = new ArrayList<>(pending.values().stream().limit(MAX_PER_ROUND).toList());
        if (generating) {
            for (int i = 0; i < NEW_PER_ROUND; i++) {
                DemoCity.Device device = devices.get(random.nextInt(devices.size()));
                DeviceEvent event = new DeviceEvent(UUID.randomUUID(), device.id(), Instant.now(), type, Map.of());
                pending.put(event.eventId(), event);
                firstSent.put(event.eventId(), System.nanoTime());
                sent.incrementAndGet();
                batch.add(event);
            }
        }
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return requester.route(Routes.ALARMS).data(Flux.fromIterable(batch)).retrieveFlux(Ack.class)
                .timeout(Duration.ofSeconds(20))
                .doOnNext(this::acknowledged)
                .then()
                .doOnError(e -> {
                    failedRounds.incrementAndGet();
                    synchronized (this) {
                        dropRequester();
                        current++;
                    }
                });
    }

    private volatile String lastError = "";

    /** Each new kind of failure once, so a test log shows what the client met without flooding. */
    private void lost(Throwable error) {
        String kind = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (!kind.equals(lastError)) {
            lastError = kind;
            System.out.println("at-least-once client: round failed (" + kind + "); sending again");
        }
    }

    private void acknowledged(Ack ack) {
        switch (ack.outcome()) {
            case STORED -> stored.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> { }
        }
        if (ack.durable()) {
            acknowledged.add(ack.eventId());
            pending.remove(ack.eventId());
            Long first = firstSent.remove(ack.eventId());
            if (first != null) {
                long now = System.nanoTime();
                latencies.add(new long[] {now, now - first});
            }
        } else if (RESEND_LATER.contains(ack.reason())) {
            retryableRejections.incrementAndGet(); // stays pending: sent again in the next round
        } else {
            // any other rejection is final: a resend would be rejected again
            rejected.incrementAndGet();
            pending.remove(ack.eventId());
            firstSent.remove(ack.eventId());
        }
    }

    private void dropRequester() {
        if (requester != null) {
            requester.dispose();
            requester = null;
            requesterPort = -1;
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.dispose();
        }
        dropRequester();
    }

    static RSocketStrategies strategies() {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return RSocketStrategies.builder()
                .encoder(new Jackson2JsonEncoder(json))
                .decoder(new Jackson2JsonDecoder(json))
                .build();
    }
}
