package kr.anshim.backend.cluster;

import kr.anshim.api.Ack;
import kr.anshim.api.CommandResult;
import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceEvent;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentCommand;
import kr.anshim.api.IncidentView;
import kr.anshim.api.LiveFrame;
import kr.anshim.api.Routes;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.backend.TestBackends;
import kr.anshim.backend.TestConnections;
import kr.anshim.backend.TestDevices;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.DeviceSupervision;
import kr.anshim.backend.device.RegisteredDevice;
import kr.anshim.backend.storage.EmbeddedPostgresEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two backend instances (two Spring contexts in this JVM) on one embedded PostgreSQL and an
 * embedded KRaft broker, in cluster mode. Events for many wards arrive through either instance,
 * commands through the other; then one instance is closed under load and the other takes its wards.
 * The checker at the end of each: every acknowledged event stored exactly once, no incident's
 * status went backwards (its audit trail replayed equals its row), no household with two open incidents.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path DB = Path.of("target", "cluster-it-db");
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void broker() {
        broker = new EmbeddedKafkaKraftBroker(1, 25);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.destroy();
        EmbeddedPostgresEnvironment.stopEmbedded(DB);
    }

    private static TestBackends.Instance instance(String id, boolean reset, String... more) {
        String[] arguments = new String[3 + more.length];
        arguments[0] = "--anshim.cluster.enabled=true";
        arguments[1] = "--anshim.cluster.instance-id=" + id;
        arguments[2] = "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString();
        System.arraycopy(more, 0, arguments, 3, more.length);
        return TestBackends.start(DB, reset, arguments);
    }

    @Test
    @Order(1)
    void events_and_commands_through_either_instance_are_applied_by_one_owner_per_ward_and_stored_once() {
        try (TestBackends.Instance a = instance("a", true); TestBackends.Instance b = instance("b", false)) {
            awaitOwnersOfAllWards(a, b);
            assertThat(owned(a)).as("each instance owns some wards, no ward two owners").isNotEmpty().doesNotContainAnyElementsOf(owned(b));
            assertThat(owned(b)).isNotEmpty();

            RSocketRequester gatewayA = TestConnections.gateway(a.bean(RSocketStrategies.class), a.rsocketPort());
            RSocketRequester gatewayB = TestConnections.gateway(b.bean(RSocketStrategies.class), b.rsocketPort());
            RSocketRequester screenA = TestConnections.ui(a.bean(RSocketStrategies.class), a.rsocketPort());
            RSocketRequester screenB = TestConnections.ui(b.bean(RSocketStrategies.class), b.rsocketPort());
            Map<UUID, IncidentView> seenOnB = new ConcurrentHashMap<>();
            Disposable live = screenB.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                    .mapNotNull(LiveFrame::incident).subscribe(view -> seenOnB.merge(view.id(), view,
                            (old, now) -> now.version() > old.version() ? now : old));
            try {
                List<DemoCity.Device> cameras = camerasInManyWards();
                assertThat(cameras.stream().map(d -> TestDevices.household(d).wardCode()).collect(Collectors.toSet()))
                        .hasSizeGreaterThanOrEqualTo(10);
                Set<UUID> stored = new HashSet<>();
                List<DeviceEvent> sent = new ArrayList<>();
                for (int i = 0; i < cameras.size(); i++) {
                    DeviceEvent event = TestDevices.event(cameras.get(i), "LOITERING", Map.of("dwellSeconds", 300));
                    Ack ack = send(i % 2 == 0 ? gatewayA : gatewayB, event);
                    assertThat(ack.outcome()).as("%s", ack).isEqualTo(Ack.Outcome.STORED);
                    stored.add(event.eventId());
                    sent.add(event);
                }
                // a resend through the other instance is a duplicate; another device's event under a used id a conflict
                assertThat(send(gatewayB, sent.get(0)).outcome()).isEqualTo(Ack.Outcome.DUPLICATE);
                DeviceEvent reused = new DeviceEvent(sent.get(0).eventId(), cameras.get(1).id(), Instant.now(), "LOITERING",
                        Map.of("dwellSeconds", 300));
                assertThat(send(gatewayA, reused).reason()).isEqualTo("EVENT_ID_CONFLICT");

                List<UUID> incidents = await().atMost(Duration.ofSeconds(20)).until(() -> openIncidentsOf(a, cameras),
                        ids -> ids.size() == cameras.size());
                // commands through the instance that did not take the event, and the change reaches the other's screen
                for (int i = 0; i < incidents.size(); i++) {
                    RSocketRequester screen = i % 2 == 0 ? screenB : screenA;
                    CommandResult result = screen.route(Routes.INCIDENT_COMMAND)
                            .data(IncidentCommand.of(incidents.get(i), IncidentCommand.Action.ACKNOWLEDGE, "ignored"))
                            .retrieveMono(CommandResult.class).block(Duration.ofSeconds(15));
                    assertThat(result.accepted()).as("%s", result).isTrue();
                }
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(incidents)
                        .allSatisfy(id -> assertThat(seenOnB.get(id)).isNotNull()
                                .satisfies(view -> assertThat(view.status()).isEqualTo(kr.anshim.api.IncidentStatus.ACKNOWLEDGED))));
                // a signal after the acknowledgement joins the incident and never undoes it
                assertThat(send(gatewayA, TestDevices.event(cameras.get(0), "LOITERING", Map.of("dwellSeconds", 400))).durable()).isTrue();

                checkStore(a, stored);
                assertThat(statusesOf(a, incidents)).containsOnly("ACKNOWLEDGED");
                supervisedByItsWardsOwner(a, b, gatewayA, cameras);
            } finally {
                live.dispose();
                List.of(gatewayA, gatewayB, screenA, screenB).forEach(RSocketRequester::dispose);
            }
        }
    }

    @Test
    @Order(2)
    void a_closed_instances_wards_are_owned_by_the_other_within_15_seconds_and_no_acknowledged_alarm_is_lost() {
        TestBackends.Instance a = instance("c", false);
        // a small pause threshold, so the survivor's catching up on the closed owner's backlog is paced
        try (TestBackends.Instance b = instance("d", false, "--anshim.cluster.pause-above=5", "--anshim.cluster.resume-below=2")) {
            awaitOwnersOfAllWards(a, b);
            Set<String> ofA = owned(a);
            assertThat(ofA).isNotEmpty();
            RSocketRequester gatewayB = TestConnections.gateway(b.bean(RSocketStrategies.class), b.rsocketPort());
            RSocketRequester screenB = TestConnections.ui(b.bean(RSocketStrategies.class), b.rsocketPort());
            List<DemoCity.Device> cameras = camerasInManyWards();
            List<DemoCity.Device> inWardsOfA = cameras.stream().filter(d -> ofA.contains(TestDevices.household(d).wardCode())).toList();
            assertThat(inWardsOfA).isNotEmpty();
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            List<Long> latencies = new CopyOnWriteArrayList<>();
            Set<String> seenOnB = ConcurrentHashMap.newKeySet();
            Disposable live = screenB.route(Routes.INCIDENTS_LIVE).retrieveFlux(LiveFrame.class)
                    .mapNotNull(LiveFrame::incident).subscribe(view -> seenOnB.add(view.id() + "@" + view.updatedAt()));
            AtomicLong n = new AtomicLong();
            // load through the survivor, for every ward, by an at-least-once sender: resend until durable
            Disposable load = Flux.interval(Duration.ofMillis(20))
                    .onBackpressureDrop()
                    .flatMap(tick -> atLeastOnce(gatewayB, cameras.get((int) (n.getAndIncrement() % cameras.size())),
                            acknowledged, latencies), 64)
                    .subscribe();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() >= 50);
                int seenBefore = seenOnB.size();
                long closing = System.nanoTime();
                a.close();
                await().atMost(Duration.ofSeconds(15)).until(() -> owned(b).size() == 25);
                Duration takeOver = Duration.ofNanos(System.nanoTime() - closing);
                int before = acknowledged.size();
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= before + 100);
                DeviceEvent afterwards = TestDevices.event(inWardsOfA.get(0), "LOITERING", Map.of("dwellSeconds", 500));
                assertThat(send(gatewayB, afterwards).durable()).as("a ward of the closed instance takes alarms again").isTrue();
                load.dispose();
                await().atMost(Duration.ofSeconds(10)).until(() -> seenOnB.size() > seenBefore);
                System.out.printf("Failover: wards owned by the survivor %d ms after the close; %d acknowledged, %d of them after"
                                + " more than 1 s; max ack latency %d ms%n", takeOver.toMillis(), acknowledged.size(),
                        latencies.stream().filter(ms -> ms > 1_000).count(), latencies.stream().mapToLong(Long::longValue).max().orElse(0));
                assertThat(takeOver).isLessThan(Duration.ofSeconds(15));
                assertThat(b.bean(io.micrometer.core.instrument.MeterRegistry.class).counter("anshim.cluster.owner.pauses").count())
                        .as("the survivor paused its partitions while its stage was busy, and still stored everything").isPositive();
                checkStore(b, acknowledged);
            } finally {
                load.dispose();
                live.dispose();
                gatewayB.dispose();
                screenB.dispose();
            }
        } finally {
            a.close();
        }
    }

    /**
     * Work that must happen once per ward happens once, on the ward's owner: a welfare lapse (and its
     * escalation) whose activity summaries reached both instances is raised once, by the owner; one
     * whose summary reached only the other instance is raised by the owner all the same (it reads the
     * store); an item shelved through the other instance is expired by the owner even after that
     * instance is gone, once.
     */
    @Test
    @Order(3)
    void welfare_lapses_and_shelving_expiry_happen_once_on_the_wards_owner() {
        TestBackends.Instance a = instance("e", false, "--anshim.alarm.shelving.sync=PT0.5S");
        TestBackends.Instance b = instance("f", false, "--anshim.alarm.shelving.sync=PT0.5S");
        try {
            awaitOwnersOfAllWards(a, b);
            String ward = kr.anshim.api.welfare.DemoWelfare.WARD;
            TestBackends.Instance owner = owned(a).contains(ward) ? a : b;
            TestBackends.Instance other = owner == a ? b : a;
            assertThat(owned(other)).as("one owner").doesNotContain(ward);
            List<DemoCity.Device> people = kr.anshim.api.welfare.DemoWelfare.devices(TestDevices.CITY);
            assertThat(people).hasSizeGreaterThanOrEqualTo(2);
            RSocketRequester viaOwner = TestConnections.gateway(owner.bean(RSocketStrategies.class), owner.rsocketPort());
            RSocketRequester viaOther = TestConnections.gateway(other.bean(RSocketStrategies.class), other.rsocketPort());
            try {
                Instant now = Instant.now();
                // six days: past every threshold (one to five days)
                Instant inactiveSince = now.minus(Duration.ofDays(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                DemoCity.Device both = people.get(0);
                DemoCity.Device otherOnly = people.get(1);
                // the phone's summary reaches one instance, the carrier's the other: both know of the six days
                assertThat(summary(viaOwner, both, now, inactiveSince).durable()).isTrue();
                assertThat(summary(viaOther, both, now, inactiveSince).durable()).isTrue();
                assertThat(summary(viaOther, otherOnly, now, inactiveSince).durable()).isTrue();

                for (DemoCity.Device person : List.of(both, otherOnly)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> alertLevel(owner, person.householdId()) == 2);
                    // escalated once: one open incident, one alert row, two notices (threshold and unanswered), and no more later
                    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                            count(owner, "select count(*) as n from incident where household_id = $1"
                                    + " and status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED')", person.householdId()) == 1
                                    && count(owner, "select count(*) as n from welfare_alert where household_id = $1", person.householdId()) == 1);
                    UUID incident = owner.bean(DatabaseClient.class).sql("select incident_id as id from welfare_alert where household_id = $1")
                            .bind(0, person.householdId()).map(row -> row.get("id", UUID.class)).one().block(Duration.ofSeconds(5));
                    assertThat(owner.bean(kr.anshim.backend.welfare.outbox.Outbox.class).aboutIncident(incident).collectList()
                            .block(Duration.ofSeconds(5))).as("notices to the officer").hasSize(2);
                    assertThat(owner.bean(kr.anshim.backend.incident.Correlator.class).openIncident(incident))
                            .as("raised by the ward's owner, which holds it").isPresent();
                }

                // eleven new incidents in one ward put its consoles (on both instances) in flood; it is recorded once
                Instant floodFrom = Instant.now();
                Map<String, List<DemoCity.Device>> camerasByWard = TestDevices.CITY.devices().stream()
                        .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA)
                        .filter(d -> count(owner, "select count(*) as n from incident where household_id = $1", d.householdId()) == 0)
                        .collect(Collectors.groupingBy(d -> TestDevices.household(d).wardCode()));
                Map.Entry<String, List<DemoCity.Device>> busiest = camerasByWard.entrySet().stream()
                        .max(java.util.Comparator.comparingInt(e -> (int) e.getValue().stream().map(DemoCity.Device::householdId).distinct().count()))
                        .orElseThrow();
                List<DemoCity.Device> flood = busiest.getValue().stream()
                        .collect(Collectors.toMap(DemoCity.Device::householdId, d -> d, (x, y) -> x, java.util.LinkedHashMap::new))
                        .values().stream().limit(11).toList();
                assertThat(flood).as("eleven households with a camera in ward %s", busiest.getKey()).hasSize(11);
                for (DemoCity.Device camera : flood) {
                    assertThat(send(viaOther, TestDevices.event(camera, "LOITERING", Map.of("dwellSeconds", 300))).durable()).isTrue();
                }
                String floodSql = "select count(*) as n from alarm_flood where ward_code = $1 and started_at >= '" + floodFrom.minusSeconds(1) + "'";
                await().atMost(Duration.ofSeconds(20)).until(() -> count(owner, floodSql, busiest.getKey()) >= 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(owner, floodSql, busiest.getKey()) == 1);

                // shelved through the instance that does not own the ward, which then goes away
                RegisteredDevice camera = owner.bean(DeviceRegistry.class).inWard(ownedNotWelfareWard(owner, ward)).stream()
                        .filter(d -> d.family() == DeviceFamily.DOOR_CAMERA && !d.revoked()).findFirst().orElseThrow();
                RSocketRequester screen = TestConnections.ui(other.bean(RSocketStrategies.class), other.rsocketPort());
                ShelveResult shelved;
                try {
                    shelved = screen.route(Routes.ALARM_SHELVE).data(new ShelveRequest(ShelveRequest.Target.DEVICE, camera.id(),
                            "점검 중 · under maintenance", 3L)).retrieveMono(ShelveResult.class).block(Duration.ofSeconds(10));
                } finally {
                    screen.dispose();
                }
                assertThat(shelved.accepted()).as("%s", shelved).isTrue();
                other.close();
                await().atMost(Duration.ofSeconds(20)).until(() -> count(owner,
                        "select count(*) as n from alarm_audit where action = 'SHELF_EXPIRED' and target = $1", camera.id()) == 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(owner,
                        "select count(*) as n from alarm_audit where action = 'SHELF_EXPIRED' and target = $1", camera.id()) == 1);
                assertThat(count(owner, "select count(*) as n from alarm_shelf where target_id = $1 and end_kind = 'EXPIRED'", camera.id()))
                        .isEqualTo(1);
            } finally {
                viaOwner.dispose();
                viaOther.dispose();
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static Ack summary(RSocketRequester gateway, DemoCity.Device person, Instant at, Instant lastActivity) {
        String json = """
                {"eventId":"%s","deviceId":"%s","occurredAt":"%s","lastActivityAt":"%s","calls":0}"""
                .formatted(UUID.randomUUID(), person.id(), at, lastActivity);
        return gateway.route(Routes.ACTIVITY_SUMMARY).data(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .retrieveMono(Ack.class).block(Duration.ofSeconds(15));
    }

    private static int alertLevel(TestBackends.Instance instance, String household) {
        return instance.bean(DatabaseClient.class).sql("select alert_level from welfare_enrolment where household_id = $1")
                .bind(0, household).map(row -> row.get("alert_level", Integer.class)).one().block(Duration.ofSeconds(5));
    }

    private static long count(TestBackends.Instance instance, String sql, String parameter) {
        return instance.bean(DatabaseClient.class).sql(sql).bind(0, parameter).map(row -> row.get("n", Long.class)).one()
                .block(Duration.ofSeconds(5));
    }

    private static String ownedNotWelfareWard(TestBackends.Instance owner, String welfareWard) {
        return owned(owner).stream().filter(w -> !w.equals(welfareWard)).sorted().findFirst()
                .orElse(welfareWard);
    }

    /**
     * A heartbeat that reaches instance A for a device in a ward B owns is judged by B: B supervises
     * the device (A, the edge, does not), and its silence is recorded as an alarm.
     */
    private static void supervisedByItsWardsOwner(TestBackends.Instance a, TestBackends.Instance b,
                                                  RSocketRequester gatewayA, List<DemoCity.Device> cameras) {
        DemoCity.Device camera = cameras.stream().filter(d -> owned(b).contains(TestDevices.household(d).wardCode()))
                .findFirst().orElseThrow();
        gatewayA.route(Routes.HEARTBEAT).data(TestDevices.event(camera, "HEARTBEAT", Map.of())).send().block(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> b.bean(DeviceSupervision.class).lastSeen(camera.id()).isPresent());
        assertThat(a.bean(DeviceSupervision.class).lastSeen(camera.id())).as("the edge does not judge it").isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.bean(DatabaseClient.class)
                .sql("select count(*) as n from device_event where device_id = $1 and type = 'DEVICE_OFFLINE'")
                .bind(0, camera.id()).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(5)) == 1L);
    }

    private static Mono<Ack> atLeastOnce(RSocketRequester gateway, DemoCity.Device camera, Set<UUID> acknowledged, List<Long> latencies) {
        DeviceEvent event = TestDevices.event(camera, "MOTION", Map.of());
        long started = System.nanoTime();
        return Mono.defer(() -> gateway.route(Routes.ALARM).data(event).retrieveMono(Ack.class))
                .filter(Ack::durable)
                .repeatWhenEmpty(30, ticks -> ticks.delayElements(Duration.ofMillis(300)))
                .doOnNext(ack -> {
                    acknowledged.add(event.eventId());
                    latencies.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                })
                .onErrorResume(error -> Mono.empty());
    }

    private static Ack send(RSocketRequester gateway, DeviceEvent event) {
        return gateway.route(Routes.ALARM).data(event).retrieveMono(Ack.class).block(Duration.ofSeconds(15));
    }

    private static List<DemoCity.Device> camerasInManyWards() {
        Map<String, DemoCity.Device> onePerWard = new java.util.TreeMap<>();
        TestDevices.CITY.devices().stream().filter(d -> d.family() == DeviceFamily.DOOR_CAMERA)
                .forEach(d -> onePerWard.putIfAbsent(TestDevices.household(d).wardCode(), d));
        return List.copyOf(onePerWard.values());
    }

    private static Set<String> owned(TestBackends.Instance instance) {
        return instance.bean(OwnerLoop.class).ownedWards();
    }

    private static void awaitOwnersOfAllWards(TestBackends.Instance a, TestBackends.Instance b) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<String> all = new TreeSet<>(owned(a));
            all.addAll(owned(b));
            return all.size() == 25 && !owned(a).isEmpty() && !owned(b).isEmpty();
        });
    }

    private static List<UUID> openIncidentsOf(TestBackends.Instance instance, List<DemoCity.Device> cameras) {
        List<String> households = cameras.stream().map(DemoCity.Device::householdId).toList();
        return instance.bean(DatabaseClient.class).sql("""
                        select id from incident where household_id = any($1::text[])
                        and status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED') order by household_id""")
                .bind(0, households.toArray(String[]::new)).map(row -> row.get("id", UUID.class)).all().collectList()
                .block(Duration.ofSeconds(10));
    }

    private static List<String> statusesOf(TestBackends.Instance instance, List<UUID> ids) {
        return instance.bean(DatabaseClient.class).sql("select status from incident where id = any($1::uuid[])")
                .bind(0, ids.toArray(UUID[]::new)).map(row -> row.get("status", String.class)).all().collectList()
                .block(Duration.ofSeconds(10));
    }

    /** The end checker. */
    private static void checkStore(TestBackends.Instance instance, Set<UUID> acknowledged) {
        DatabaseClient db = instance.bean(DatabaseClient.class);
        Long stored = db.sql("select count(*) as n from device_event where event_id = any($1::uuid[])")
                .bind(0, acknowledged.toArray(UUID[]::new)).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
        assertThat(stored).as("every acknowledged event stored exactly once").isEqualTo(acknowledged.size());
        List<String> backwards = db.sql("""
                        select i.id::text as id from incident i
                        where i.status <> coalesce((select t.to_state from incident_transition t
                                                    where t.incident_id = i.id and t.kind = 'STATUS' order by t.id desc limit 1), 'NEW')""")
                .map(row -> row.get("id", String.class)).all().collectList().block(Duration.ofSeconds(10));
        assertThat(backwards).as("incidents whose audit trail replayed differs from the row").isEmpty();
        List<String> twice = db.sql("""
                        select household_id from incident where household_id is not null
                        and status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED') group by household_id having count(*) > 1""")
                .map(row -> row.get("household_id", String.class)).all().collectList().block(Duration.ofSeconds(10));
        assertThat(twice).as("households with two open incidents").isEmpty();
    }
}
