package kr.anshim.loadtests;

import kr.anshim.api.Ack;
import kr.anshim.api.DemoCity;
import kr.anshim.api.Routes;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.api.welfare.EnrolmentView;
import kr.anshim.api.welfare.VisitRequest;
import kr.anshim.api.welfare.VisitResult;
import kr.anshim.api.welfare.WelfareRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The welfare services' demo traffic. Every enrolled person in 서대문구 gets an activity summary each
 * {@link #SUMMARY_EVERY}; now and then one stops using their phone ({@link #STOP_PROBABILITY} per
 * summary), and their summaries then report the last activity from before their threshold, so the
 * inactivity check alerts their officer; after a while they are active again. Over the officer's own
 * connection a visiting team goes out every few minutes; most check in on time, some overrun.
 */
final class WelfareTraffic {

    private static final Logger log = LoggerFactory.getLogger(WelfareTraffic.class);
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    static final double STOP_PROBABILITY = 0.01;
    static final double OVERRUN_PROBABILITY = 0.3;
    static final Duration VISIT_EVERY = Duration.ofMinutes(4);

    private final List<EnrolmentView> people;
    private final Clock clock;
    private final SplittableRandom random;
    /** Whose phone went quiet, and since when: touched by the summary round only, one at a time. */
    private final Map<String, Instant> quietSince = new ConcurrentHashMap<>();

    WelfareTraffic(List<EnrolmentView> people, Clock clock, long seed) {
        this.people = List.copyOf(people);
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    static WelfareTraffic demo(DemoCity city, Clock clock) {
        return new WelfareTraffic(DemoWelfare.enrolments(city), clock, System.nanoTime());
    }

    /** The summary of one person now: their last activity a moment ago, or from before their threshold while quiet. */
    String summary(EnrolmentView person, Instant now) {
        Instant quiet = quietSince.get(person.householdId());
        if (quiet == null && random.nextDouble() < STOP_PROBABILITY) {
            // they stopped: the last activity the carrier saw lies just past their threshold
            quiet = now.minus(Duration.ofDays(person.thresholdDays())).minus(Duration.ofMinutes(5));
            quietSince.put(person.householdId(), quiet);
        } else if (quiet != null && random.nextDouble() < 0.05) {
            quietSince.remove(person.householdId());
            quiet = null;
        }
        Instant last = quiet != null ? quiet : now.minusSeconds(random.nextInt(300));
        return "{\"eventId\":\"%s\",\"deviceId\":\"%s\",\"occurredAt\":\"%s\",\"lastActivityAt\":\"%s\",\"calls\":%d}"
                .formatted(UUID.randomUUID(), person.deviceId(), now, last, quiet != null ? 0 : random.nextInt(6));
    }

    boolean quiet(String householdId) {
        return quietSince.containsKey(householdId);
    }

    Flux<Ack> summaries(RSocketRequester gateway) {
        if (people.isEmpty()) {
            return Flux.empty();
        }
        return Flux.interval(Duration.ofSeconds(3), SUMMARY_EVERY).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(people)
                        .concatMap(person -> gateway.route(Routes.ACTIVITY_SUMMARY)
                                .data(summary(person, clock.instant()).getBytes(StandardCharsets.UTF_8))
                                .retrieveMono(Ack.class)
                                .doOnNext(ack -> {
                                    if (!ack.durable()) {
                                        log.warn("Activity summary refused: {} {}", ack.reason(), ack.message());
                                    }
                                })
                                .onErrorResume(error -> Mono.empty())));
    }

    /** A visit of {@code minutes}; one that overruns checks in {@code overrun} later than expected. */
    record Plan(String householdId, Duration length, Duration overrun) {
    }

    Plan plan() {
        EnrolmentView home = people.get(random.nextInt(people.size()));
        Duration length = Duration.ofMinutes(2 + random.nextInt(4));
        Duration overrun = random.nextDouble() < OVERRUN_PROBABILITY ? Duration.ofMinutes(3 + random.nextInt(5)) : Duration.ZERO;
        return new Plan(home.householdId(), length, overrun);
    }

    /** Visits over the officer's own connection (demo profile: the demo account signs in like the UI does). */
    Flux<Object> visits(Mono<RSocketRequester> officer) {
        if (people.isEmpty()) {
            return Flux.empty();
        }
        return officer.flatMapMany(connection -> Flux.interval(Duration.ofSeconds(20), VISIT_EVERY).onBackpressureDrop()
                .flatMap(tick -> visit(connection, plan()), 4))
                .onErrorResume(error -> {
                    log.warn("Visit traffic stopped: {}", error.toString());
                    return Flux.empty();
                });
    }

    private Mono<Object> visit(RSocketRequester officer, Plan plan) {
        Instant now = clock.instant();
        VisitRequest request = new VisitRequest(plan.householdId(), List.of("방문 " + random.nextInt(100), "동행 " + random.nextInt(100)),
                "010-0000-1410", now, now.plus(plan.length()));
        return officer.route(WelfareRoutes.VISIT_REGISTER).data(request).retrieveMono(VisitResult.class)
                .filter(VisitResult::ok)
                .flatMap(result -> Mono.delay(plan.length().plus(plan.overrun()).minusSeconds(plan.overrun().isZero() ? 20 : 0))
                        .then(officer.route(WelfareRoutes.VISIT_CHECK_IN).data(result.visit().id()).retrieveMono(VisitResult.class)))
                .cast(Object.class)
                .onErrorResume(error -> Mono.empty());
    }
}
