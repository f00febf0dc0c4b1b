package kr.anshim.loadtests;

import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderPosition;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Six simulated hours of idle patrol: cars roam but stay near their station and inside their ward; guards stay at their post. */
class ResponderMovementTest {

    private static final List<DemoResponders.Responder> ROSTER = DemoResponders.generate(20221101L);
    private static final int REPORTS = 6 * 360;
    /** Positions are rounded to 1e-5 degrees, about a metre. */
    private static final double ROUNDING_METRES = 1.5;

    private final ResponderMovement movement = new ResponderMovement(ROSTER,
            Clock.fixed(Instant.parse("2026-11-23T13:00:00Z"), ZoneOffset.UTC), 42L);

    @Test
    void patrol_cars_roam_but_stay_near_their_station_and_inside_their_ward() {
        for (DemoResponders.Responder car : ROSTER.stream().filter(r -> r.kind() == ResponderKind.POLICE_PATROL).toList()) {
            Ward ward = Wards.seoul().byCode(car.wardCode()).orElseThrow();
            double furthest = 0;
            for (int i = 0; i < REPORTS; i++) {
                ResponderPosition at = movement.next(car);
                double fromBase = metres(car.baseLatitude(), car.baseLongitude(), at.latitude(), at.longitude());
                double fromInterior = metres(ward.interiorLatitude(), ward.interiorLongitude(), at.latitude(), at.longitude());
                assertThat(fromBase).as(car.id()).isLessThanOrEqualTo(ResponderMovement.PATROL_RADIUS_METRES + ROUNDING_METRES);
                assertThat(fromInterior).as(car.id()).isLessThanOrEqualTo(ResponderMovement.WARD_RADIUS_METRES + ROUNDING_METRES);
                furthest = Math.max(furthest, fromBase);
            }
            assertThat(furthest).as(car.id() + " should get around").isGreaterThan(300);
        }
    }

    @Test
    void guard_teams_wait_at_their_post_with_a_few_metres_of_gps_noise() {
        for (DemoResponders.Responder team : ROSTER.stream().filter(r -> r.kind() == ResponderKind.SECURITY_GUARD).toList()) {
            for (int i = 0; i < 20; i++) {
                ResponderPosition at = movement.next(team);
                assertThat(metres(team.baseLatitude(), team.baseLongitude(), at.latitude(), at.longitude()))
                        .as(team.id()).isLessThanOrEqualTo(ResponderMovement.GPS_NOISE_METRES + ROUNDING_METRES);
            }
        }
    }

    @Test
    void each_report_names_its_responder_and_is_stamped_by_the_clock() {
        ResponderPosition at = movement.next(ROSTER.get(0));

        assertThat(at.responderId()).isEqualTo(ROSTER.get(0).id());
        assertThat(at.at()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
    }

    /** Equirectangular distance: exact enough over a few kilometres. */
    private static double metres(double lat1, double lon1, double lat2, double lon2) {
        double north = (lat2 - lat1) * 111_320;
        double east = (lon2 - lon1) * 111_320 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(north, east);
    }
}
