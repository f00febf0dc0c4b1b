package kr.anshim.loadtests;

import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.ResponderRoutes;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Responders between calls: patrol cars drive around their ward, never more than
 * {@value #PATROL_RADIUS_METRES} m from their station, and guard teams wait at their post (their
 * phones' GPS wobbles by a few metres). Each responder reports once per {@link #PERIOD}, the
 * reports spread evenly over it: the 187 demo responders cost about 19 fire-and-forget messages a
 * second. The simulator's gateway connection may not watch the backend's responder statuses, so
 * movement toward an incident is left to the dispatch work.
 */
final class ResponderMovement {

    static final Duration PERIOD = Duration.ofSeconds(10);
    static final double PATROL_RADIUS_METRES = 800;
    /** The ward's interior point is at least 1,087 m from any border: staying within this keeps a car in its ward. */
    static final double WARD_RADIUS_METRES = 1_000;
    /** Idle patrol at about 10–30 km/h: 30 to 80 m per ten-second report. */
    static final double MIN_STEP_METRES = 30;
    static final double MAX_STEP_METRES = 80;
    static final double GPS_NOISE_METRES = 8;
    /** Position reports in flight at once; fire-and-forget completes as soon as the frame is written. */
    private static final int IN_FLIGHT = 16;
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    private final List<DemoResponders.Responder> roster;
    private final Clock clock;
    private final SplittableRandom random;
    /** Only touched by {@link #next}, which runs on the single interval thread, one report at a time. */
    private final Map<String, Car> cars = new HashMap<>();

    /** A patrol car's position in metres east and north of its ward's interior point, and its heading. */
    private record Car(double east, double north, double heading) {
    }

    ResponderMovement(List<DemoResponders.Responder> roster, Clock clock, long seed) {
        this.roster = List.copyOf(roster);
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    /** The demo roster the backend seeds from the same seed; movement itself differs from run to run. */
    static ResponderMovement demo(long seed, Clock clock) {
        return new ResponderMovement(DemoResponders.generate(seed), clock, seed ^ System.nanoTime());
    }

    /** Endless: one position per responder per period, sent fire-and-forget; a failed send is skipped. */
    Flux<Void> positions(RSocketRequester backend) {
        if (roster.isEmpty()) {
            return Flux.empty();
        }
        return Flux.interval(PERIOD.dividedBy(roster.size()))
                .onBackpressureDrop()
                .map(tick -> next(roster.get((int) (tick % roster.size()))))
                .flatMap(position -> backend.route(ResponderRoutes.RESPONDER_POSITION).data(position).send()
                        .onErrorResume(error -> Mono.empty()), IN_FLIGHT);
    }

    /** The responder's next position: a step of its patrol, or its post with a little GPS noise. */
    ResponderPosition next(DemoResponders.Responder responder) {
        Ward ward = Wards.seoul().byCode(responder.wardCode()).orElseThrow();
        double baseEast = east(ward, responder.baseLongitude());
        double baseNorth = north(ward, responder.baseLatitude());
        double east;
        double north;
        if (responder.kind() == ResponderKind.POLICE_PATROL) {
            Car car = cars.computeIfAbsent(responder.id(), id -> new Car(baseEast, baseNorth, random.nextDouble() * 2 * Math.PI));
            Car moved = drive(car, baseEast, baseNorth);
            cars.put(responder.id(), moved);
            east = moved.east();
            north = moved.north();
        } else {
            double noise = GPS_NOISE_METRES * Math.sqrt(random.nextDouble());
            double bearing = random.nextDouble() * 2 * Math.PI;
            east = baseEast + noise * Math.sin(bearing);
            north = baseNorth + noise * Math.cos(bearing);
        }
        return new ResponderPosition(responder.id(), latitude(ward, north), longitude(ward, east), clock.instant());
    }

    /**
     * One step along a wandering heading; a step that would leave the patrol area (too far from the
     * station or from the ward's interior point) turns back toward the station instead.
     */
    private Car drive(Car car, double baseEast, double baseNorth) {
        double step = MIN_STEP_METRES + random.nextDouble() * (MAX_STEP_METRES - MIN_STEP_METRES);
        double heading = car.heading() + (random.nextDouble() - 0.5) * Math.PI / 2;
        double east = car.east() + step * Math.sin(heading);
        double north = car.north() + step * Math.cos(heading);
        if (Math.hypot(east - baseEast, north - baseNorth) > PATROL_RADIUS_METRES
                || Math.hypot(east, north) > WARD_RADIUS_METRES) {
            heading = Math.atan2(baseEast - car.east(), baseNorth - car.north());
            double home = Math.hypot(baseEast - car.east(), baseNorth - car.north());
            east = car.east() + Math.min(step, home) * Math.sin(heading);
            north = car.north() + Math.min(step, home) * Math.cos(heading);
        }
        return new Car(east, north, heading);
    }

    private static double east(Ward ward, double longitude) {
        return (longitude - ward.interiorLongitude()) * METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(ward.interiorLatitude()));
    }

    private static double north(Ward ward, double latitude) {
        return (latitude - ward.interiorLatitude()) * METRES_PER_DEGREE_LAT;
    }

    private static double latitude(Ward ward, double north) {
        return round(ward.interiorLatitude() + north / METRES_PER_DEGREE_LAT);
    }

    private static double longitude(Ward ward, double east) {
        return round(ward.interiorLongitude() + east / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(ward.interiorLatitude()))));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
