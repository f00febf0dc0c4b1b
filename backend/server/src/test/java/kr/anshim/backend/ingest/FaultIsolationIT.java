package kr.anshim.backend.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.rsocket.exceptions.RejectedSetupException;
import kr.anshim.api.Ack;
import kr.anshim.api.ConnectionCredentials;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.Routes;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one party must not be able to do to everyone else's alarms: a poison event in a batch, a
 * reused event id, idle screens, empty and oversized frames, a wrong MIME type. Each of these
 * failed on the first round's main; each test also shows the good traffic around the fault.
 */
@BackendIT
class FaultIsolationIT {

    private static final List<DemoCity.Device> CAMERAS = TestDevices.CITY.devices().stream()
            .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA).toList();
    private static final DemoCity.Device MAPO_BELL = TestDevices.first(DeviceFamily.EMERGENCY_BELL);
    /** An SOS button in another ward than the bell's. */
    private static final DemoCity.Device SONGPA_SOS = TestDevices.CITY.devices().stream()
            .filter(d -> d.family() == DeviceFamily.SOS_BUTTON)
            .filter(d -> !TestDevices.household(d).wardCode().equals(TestDevices.household(MAPO_BELL).wardCode()))
            .findFirst().orElseThrow();

    @LocalRSocketServerPort
    int port;

    @LocalServerPort
    int httpPort;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @Autowired
    DeviceRegistry registry;

    RSocketRequester gateway;

    /** The demo cameras no test in this context has revoked. */
    List<DemoCity.Device> cameras;

    @BeforeEach
    void connect() {
        gateway = TestConnections.gateway(strategies, port);
        cameras = CAMERAS.stream().filter(d -> registry.find(d.id()).map(found -> !found.revoked()).orElse(false)).toList();
    }

    @AfterEach
    void disconnect() {
        gateway.dispose();
    }

    static Stream<Arguments> poisons() {
        return Stream.of(
                Arguments.of("escaped NUL", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"note\":\"a\\u0000b\"}"))),
                Arguments.of("overlong NUL (C0 80)", withRawBytes(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"note\":\"a@@b\"}"),
                        new byte[]{(byte) 0xC0, (byte) 0x80})),
                Arguments.of("NUL in a key", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"a\\u0000\":1}"))),
                Arguments.of("unpaired surrogate", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"note\":\"\\ud800x\"}"))),
                Arguments.of("non-finite number", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"level\":1e999}"))),
                Arguments.of("text after the object", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{}") + " trailing")),
                Arguments.of("a second object", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{}")
                        + motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{}"))),
                Arguments.of("duplicate key", utf8(motion(UUID.randomUUID(), CAMERAS.get(3).id(), "{\"a\":1,\"a\":2}"))),
                Arguments.of("empty frame", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisons")
    void a_poison_event_among_999_valid_ones_costs_only_itself(String name, byte[] poison) {
        List<byte[]> events = new ArrayList<>();
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            UUID id = UUID.randomUUID();
            good.add(id);
            events.add(utf8(motion(id, cameras.get(i % cameras.size()).id(), "{}")));
            if (i == 500) {
                events.add(poison);
            }
        }

        List<Ack> acks = gateway.route(Routes.ALARMS).data(Flux.fromIterable(events)).retrieveFlux(Ack.class)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(acks).hasSize(1000);
        assertThat(acks).filteredOn(a -> a.outcome() == Ack.Outcome.REJECTED).as("the poison, and only it")
                .singleElement().satisfies(poisoned -> {
                    assertThat(poisoned.reason()).isEqualTo("MALFORMED_JSON");
                    assertThat(poisoned.message()).doesNotContain("Exception", "com.fasterxml", "insert ", "select ");
                });
        assertThat(acks).filteredOn(a -> a.outcome() == Ack.Outcome.STORED).extracting(Ack::eventId)
                .containsExactlyInAnyOrderElementsOf(good);
        assertThat(storedCount(good)).isEqualTo(999);
    }

    @Test
    void when_the_database_refuses_one_event_the_batch_is_split_and_only_that_event_is_refused() {
        // A device the registry still knows but the database no longer has: its insert breaks a foreign key.
        DemoCity.Device template = cameras.get(7);
        String ghost = "DC-GHOST-" + UUID.randomUUID().toString().substring(0, 8);
        db.sql("insert into device (id, family, household_id, token_sha256) values ($1, 'DOOR_CAMERA', $2, $3)")
                .bind(0, ghost).bind(1, template.householdId()).bind(2, Tokens.sha256("ghost-token"))
                .then().block(Duration.ofSeconds(10));
        registry.reload().block(Duration.ofSeconds(10));
        db.sql("delete from device where id = $1").bind(0, ghost).then().block(Duration.ofSeconds(10));
        double splitsBefore = meters.counter("anshim.journal.batch.splits").count();

        List<byte[]> events = new ArrayList<>();
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            UUID id = UUID.randomUUID();
            good.add(id);
            events.add(utf8(motion(id, cameras.get(i % cameras.size()).id(), "{}")));
        }
        events.add(200, utf8(motion(UUID.randomUUID(), ghost, "{}")));

        List<Ack> acks = gateway.route(Routes.ALARMS).data(Flux.fromIterable(events)).retrieveFlux(Ack.class)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(acks).hasSize(401);
        assertThat(acks).filteredOn(a -> a.outcome() == Ack.Outcome.REJECTED).singleElement().satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo("UNSTORABLE");
            assertThat(refused.message()).doesNotContainIgnoringCase("insert").doesNotContain("Exception", "violates");
        });
        assertThat(acks).filteredOn(a -> a.outcome() == Ack.Outcome.STORED).extracting(Ack::eventId)
                .containsExactlyInAnyOrderElementsOf(good);
        assertThat(storedCount(good)).isEqualTo(400);
        assertThat(meters.counter("anshim.journal.batch.splits").count()).isGreaterThan(splitsBefore);
    }

    @Test
    void an_event_id_used_by_another_device_or_for_other_content_is_a_conflict_not_a_duplicate() {
        UUID id = UUID.randomUUID();
        DemoCity.Device a = cameras.get(10);
        DemoCity.Device b = cameras.get(11);
        String original = motion(id, a.id(), "{}");

        Ack first = send(original);
        Ack resend = send(original);
        Ack otherDevice = send(motion(id, b.id(), "{}"));
        Ack otherContent = send(event(id, a.id(), Instant.now().toString(), "TAMPER", "{}"));

        assertThat(first.outcome()).isEqualTo(Ack.Outcome.STORED);
        assertThat(resend.outcome()).as("a true resend").isEqualTo(Ack.Outcome.DUPLICATE);
        assertThat(otherDevice.reason()).isEqualTo("EVENT_ID_CONFLICT");
        assertThat(otherDevice.message()).contains("NOT stored");
        assertThat(otherContent.reason()).isEqualTo("EVENT_ID_CONFLICT");
        assertThat(db.sql("select device_id from device_event where event_id = $1").bind(0, id)
                .map(row -> row.get("device_id", String.class)).all().collectList().block())
                .containsExactly(a.id());
    }

    @Test
    void a_conflict_inside_one_batch_is_found_too_and_a_resend_in_the_same_batch_is_a_duplicate() {
        UUID id = UUID.randomUUID();
        String original = motion(id, cameras.get(12).id(), "{}");
        Flux<byte[]> events = Flux.just(original, original, motion(id, cameras.get(13).id(), "{}")).map(FaultIsolationIT::utf8);

        List<Ack> acks = gateway.route(Routes.ALARMS).data(events).retrieveFlux(Ack.class)
                .collectList().block(Duration.ofSeconds(20));

        assertThat(acks).extracting(ack -> ack.reason() == null ? ack.outcome().name() : ack.reason())
                .containsExactlyInAnyOrder("STORED", "DUPLICATE", "EVENT_ID_CONFLICT");
    }

    @Test
    void the_all_zero_event_id_is_refused_so_a_firmware_default_cannot_swallow_alarms() {
        Ack ack = send(motion(new UUID(0, 0), cameras.get(14).id(), "{}"));
        Ack control = send(motion(UUID.randomUUID(), cameras.get(14).id(), "{}"));

        assertThat(ack.reason()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(ack.message()).contains("all-zero");
        assertThat(control.outcome()).isEqualTo(Ack.Outcome.STORED);
    }

    @Test
    void fifty_idle_live_streams_do_not_stop_another_wards_alarms_or_health() {
        // at least one open incident, so every snapshot has rows to hold back
        assertThat(send(event(UUID.randomUUID(), MAPO_BELL.id(), Instant.now().toString(), "BELL_PRESSED", "{}")).durable()).isTrue();
        // two signed-in screens (a user connection may hold 32 streams), 25 idle live streams each
        List<RSocketRequester> screens = List.of(TestConnections.ui(strategies, port), TestConnections.ui(strategies, port));
        AtomicInteger firstItems = new AtomicInteger();
        List<Subscription> idle = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            screens.get(i % 2).route(Routes.INCIDENTS_LIVE).retrieveFlux(byte[].class).subscribe(new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    idle.add(subscription);
                    subscription.request(1);
                }

                @Override
                protected void hookOnNext(byte[] value) {
                    firstItems.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> firstItems.get() == 50);

        RSocketRequester songpa = TestConnections.device(strategies, port, SONGPA_SOS);
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            Ack ack = songpa.route(Routes.ALARM).data(utf8(event(UUID.randomUUID(), SONGPA_SOS.id(), Instant.now().toString(),
                    "SOS_PRESSED", "{}"))).retrieveMono(Ack.class).block(Duration.ofSeconds(5));
            latencies.add(Duration.ofNanos(System.nanoTime() - started));
            assertThat(ack.outcome()).isEqualTo(Ack.Outcome.STORED);
        }
        String health = WebClient.create("http://127.0.0.1:" + httpPort).get().uri("/actuator/health/readiness")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5));

        assertThat(health).contains("\"status\":\"UP\"").contains("intake");
        assertThat(firstItems.get()).as("positive control: all 50 streams are open and were answered").isEqualTo(50);
        System.out.println("Ack latency with 50 idle live streams: max " + latencies.stream().max(Duration::compareTo).orElseThrow().toMillis() + " ms");
        idle.forEach(Subscription::cancel);
        songpa.dispose();
        screens.forEach(RSocketRequester::dispose);
    }

    @Test
    void an_empty_frame_on_a_request_response_gets_an_answer() {
        Ack ack = gateway.route(Routes.ALARM).data(new byte[0]).retrieveMono(Ack.class).block(Duration.ofSeconds(10));

        assertThat(ack.reason()).isEqualTo("MALFORMED_JSON");
        assertThat(ack.message()).contains("empty");
    }

    @Test
    void a_wrong_data_mime_type_is_refused_at_setup_with_what_to_use() {
        RSocketRequester plain = RSocketRequester.builder().rsocketStrategies(strategies)
                .dataMimeType(MediaType.TEXT_PLAIN)
                .setupData("{\"kind\":\"GATEWAY\",\"id\":\"" + DemoCity.DEMO_GATEWAY_ID + "\",\"token\":\""
                        + DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID) + "\"}")
                .tcp("127.0.0.1", port);

        StepVerifier.create(plain.route(Routes.ALARM).data("{}").retrieveMono(String.class))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RejectedSetupException.class)
                        .hasMessageContaining("application/json"))
                .verify(Duration.ofSeconds(10));
        assertThat(send(motion(UUID.randomUUID(), cameras.get(15).id(), "{}")).outcome())
                .as("positive control: the same gateway with JSON").isEqualTo(Ack.Outcome.STORED);
        plain.dispose();
    }

    @Test
    void one_and_sixty_four_megabyte_payloads_are_refused_and_other_devices_are_not_affected() {
        byte[] oneMb = utf8(motion(UUID.randomUUID(), cameras.get(16).id(), "{\"note\":\"" + "x".repeat(1 << 20) + "\"}"));
        byte[] sixtyFourMb = new byte[64 << 20];
        java.util.Arrays.fill(sixtyFourMb, (byte) 'x');
        RSocketRequester careless = TestConnections.gateway(strategies, port);

        Mono<Ack> big = careless.route(Routes.ALARM).data(oneMb).retrieveMono(Ack.class);

        StepVerifier.create(big).expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("byte limit"))
                .verify(Duration.ofSeconds(30));
        RSocketRequester reckless = TestConnections.gateway(strategies, port);
        StepVerifier.create(reckless.route(Routes.ALARM).data(sixtyFourMb).retrieveMono(Ack.class))
                .expectError().verify(Duration.ofSeconds(60));
        reckless.dispose();
        assertThat(send(motion(UUID.randomUUID(), cameras.get(17).id(), "{}")).outcome())
                .as("another gateway's alarm").isEqualTo(Ack.Outcome.STORED);
        careless.dispose();
    }

    @Test
    void a_device_may_hold_only_a_few_connections() {
        DemoCity.Device device = cameras.get(18);
        List<RSocketRequester> connections = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        int stored = 0;
        for (int i = 0; i < 4; i++) {
            RSocketRequester c = TestConnections.device(strategies, port, device);
            connections.add(c);
            try {
                Ack ack = c.route(Routes.ALARM).data(utf8(motion(UUID.randomUUID(), device.id(), "{}")))
                        .retrieveMono(Ack.class).block(Duration.ofSeconds(10));
                stored += ack.durable() ? 1 : 0;
            } catch (RuntimeException e) {
                refused.add(e);
            }
        }

        assertThat(stored).as("the first connections work").isEqualTo(2);
        assertThat(refused).hasSize(2).allSatisfy(e -> assertThat(e).hasMessageContaining("too many open connections"));
        connections.forEach(RSocketRequester::dispose);
    }

    @Test
    void a_gateway_flooding_far_past_its_share_is_held_to_its_credit_answered_for_every_event_and_does_not_crowd_out_a_device() throws Exception {
        int flood = 40_000;
        Flux<byte[]> events = Flux.range(0, flood)
                .map(i -> utf8(motion(UUID.randomUUID(), cameras.get(i % cameras.size()).id(), "{}")));
        RSocketRequester flooding = TestConnections.gateway(strategies, port);
        java.util.concurrent.CompletableFuture<List<Ack>> floodAcks = flooding.route(Routes.ALARMS).data(events)
                .retrieveFlux(Ack.class).collectList().subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).toFuture();

        RSocketRequester sos = TestConnections.device(strategies, port, SONGPA_SOS);
        List<Ack> single = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            single.add(sos.route(Routes.ALARM).data(utf8(event(UUID.randomUUID(), SONGPA_SOS.id(), Instant.now().toString(),
                    "SOS_PRESSED", "{}"))).retrieveMono(Ack.class).block(Duration.ofSeconds(5)));
        }
        List<Ack> acks = floodAcks.get(120, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(single).as("the device's own alarms during the flood").extracting(Ack::outcome)
                .containsOnly(Ack.Outcome.STORED);
        assertThat(acks).as("one answer per event, and the channel completed").hasSize(flood);
        assertThat(acks).extracting(a -> a.reason() == null ? a.outcome().name() : a.reason())
                .isSubsetOf("STORED", "OVERLOADED");
        List<UUID> stored = acks.stream().filter(a -> a.outcome() == Ack.Outcome.STORED).map(Ack::eventId).toList();
        assertThat(storedCount(stored)).as("every STORED answer is in the database").isEqualTo(stored.size());
        System.out.printf("Flood of %,d on one channel: %,d stored, %,d OVERLOADED%n", flood, stored.size(), flood - stored.size());
        // the channel asks only for its share of what intake admits (RSocket's requestN as credit),
        // so the gateway waits instead of sending what could only be refused
        assertThat(flood - stored.size()).as("OVERLOADED answers on a channel that keeps to its credit").isLessThan(flood / 100);
        flooding.dispose();
        sos.dispose();
    }

    @Test
    void a_sender_that_opens_thousands_of_requests_and_never_finishes_their_fragments_is_disconnected() throws Exception {
        assertThat(closedAfterUnfinishedRequests(10, 3_000)).as("positive control: a few unfinished requests are tolerated")
                .isFalse();
        assertThat(closedAfterUnfinishedRequests(1_100, 15_000)).as("1,100 unfinished requests close the connection").isTrue();
        assertThat(send(motion(UUID.randomUUID(), cameras.get(19).id(), "{}")).outcome())
                .as("another connection of the same gateway still works").isEqualTo(Ack.Outcome.STORED);
    }

    @Test
    void a_sender_that_parks_more_than_its_reassembly_budget_in_unfinished_fragments_is_disconnected() throws Exception {
        int fragment = 60 * 1024;
        assertThat(closedAfterUnfinishedRequests(10, fragment, 3_000)).as("positive control: 600 KiB of unfinished fragments")
                .isFalse();
        assertThat(closedAfterUnfinishedRequests(80, fragment, 15_000))
                .as("4.7 MiB of unfinished fragments, past the 16 snapshots' worth a connection may hold").isTrue();
        assertThat(send(motion(UUID.randomUUID(), cameras.get(19).id(), "{}")).outcome())
                .as("another connection of the same gateway still works").isEqualTo(Ack.Outcome.STORED);
    }

    private boolean closedAfterUnfinishedRequests(int requests, int waitMillis) throws Exception {
        return closedAfterUnfinishedRequests(requests, 1024, waitMillis);
    }

    /** A raw RSocket connection: a valid SETUP, then requests whose first fragment says more follows, and none ever does. */
    private boolean closedAfterUnfinishedRequests(int requests, int fragmentBytes, int waitMillis) throws Exception {
        String credentials = "{\"kind\":\"GATEWAY\",\"id\":\"" + DemoCity.DEMO_GATEWAY_ID + "\",\"token\":\""
                + DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID) + "\"}";
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
            raw.setSoTimeout(waitMillis);
            java.io.OutputStream out = raw.getOutputStream();
            io.netty.buffer.ByteBufAllocator alloc = io.netty.buffer.UnpooledByteBufAllocator.DEFAULT;
            write(out, io.rsocket.frame.SetupFrameCodec.encode(alloc, false, 20_000, 90_000,
                    "message/x.rsocket.composite-metadata.v0", "application/json",
                    io.rsocket.util.DefaultPayload.create(credentials)));
            byte[] fragment = new byte[fragmentBytes];
            // keepalive frames keep arriving on an open connection: only a close inside the wait counts
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            try {
                for (int i = 0; i < requests; i++) {
                    write(out, io.rsocket.frame.RequestResponseFrameCodec.encode(alloc, 2 * i + 1, true, null,
                            io.netty.buffer.Unpooled.wrappedBuffer(fragment)));
                }
                out.flush();
            } catch (java.net.SocketException closedWhileWriting) {
                return true;
            }
            java.io.InputStream in = raw.getInputStream();
            byte[] sink = new byte[4096];
            try {
                while (in.read(sink) >= 0) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                }
                return System.nanoTime() <= deadline;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (java.net.SocketException reset) {
                return System.nanoTime() <= deadline;
            }
        }
    }

    private static void write(java.io.OutputStream out, io.netty.buffer.ByteBuf frame) throws java.io.IOException {
        io.netty.buffer.ByteBuf framed = io.rsocket.frame.FrameLengthCodec.encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT,
                frame.readableBytes(), frame);
        byte[] bytes = new byte[framed.readableBytes()];
        framed.readBytes(bytes);
        framed.release();
        out.write(bytes);
    }

    private Ack send(String json) {
        return gateway.route(Routes.ALARM).data(utf8(json)).retrieveMono(Ack.class).block(Duration.ofSeconds(10));
    }

    private long storedCount(List<UUID> ids) {
        return db.sql("select count(*) as n from device_event where event_id = any($1::uuid[])")
                .bind(0, ids.toArray(UUID[]::new)).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private static String motion(UUID id, String deviceId, String payload) {
        return event(id, deviceId, Instant.now().toString(), "MOTION", payload);
    }

    private static String event(UUID id, String deviceId, String occurredAt, String type, String payload) {
        return "{\"eventId\":\"" + id + "\",\"deviceId\":\"" + deviceId + "\",\"occurredAt\":\"" + occurredAt
                + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text with "@@" replaced by raw bytes, e.g. an overlong UTF-8 sequence no String can hold. */
    private static byte[] withRawBytes(String text, byte[] raw) {
        int at = text.indexOf("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(text.substring(0, at)));
        out.writeBytes(raw);
        out.writeBytes(utf8(text.substring(at + 2)));
        return out.toByteArray();
    }
}
