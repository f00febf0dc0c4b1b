package kr.anshim.backend.responder;

import kr.anshim.api.ResponderKind;
import kr.anshim.api.ResponderRecommendation;
import kr.anshim.api.ResponderView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected distances come from an independent haversine (R = 6,371,008.8 m) worked out outside
 * this code base; ETAs are distance × 1.3 / (30 or 25 km/h), rounded to the second.
 */
class ClosestRespondersTest {

    /** 마포구청, roughly. */
    private static final double SCENE_LAT = 37.5663;
    private static final double SCENE_LON = 126.9019;

    private static final List<ResponderView> ROSTER = List.of(
            police("PC-4", 37.5863, 126.9219, "AVAILABLE"),    // 2,837.652 m
            police("PC-2", 37.5763, 126.9019, "AVAILABLE"),    // 1,111.951 m: 0.01° north
            police("PC-3", 37.5563, 126.8919, "AVAILABLE"),    // 1,418.936 m
            police("PC-1", 37.5663, 126.9119, "AVAILABLE"),    //   881.386 m: 0.01° east
            police("PC-0", SCENE_LAT, SCENE_LON, "OFF_DUTY"),  // at the scene, but off duty
            guard("SG-2", 37.5603, 126.9019, "AVAILABLE"),     //   667.170 m
            guard("SG-1", 37.5683, 126.9039, "AVAILABLE"),     //   283.778 m
            guard("SG-3", SCENE_LAT, SCENE_LON, "DISPATCHED")); // at the scene, but on another call

    @Test
    void the_nearest_available_responders_of_each_kind_come_nearest_first_with_distance_and_eta() {
        List<ResponderRecommendation> chosen = ClosestResponders.closest(SCENE_LAT, SCENE_LON, ROSTER, 2);

        assertThat(chosen).extracting(ResponderRecommendation::responderId).containsExactly("SG-1", "SG-2", "PC-1", "PC-2");
        assertThat(chosen).extracting(ResponderRecommendation::etaSeconds).containsExactly(53L, 125L, 137L, 173L);
        assertThat(chosen.get(0).distanceMetres()).isCloseTo(283.778, within(0.001));
        assertThat(chosen.get(1).distanceMetres()).isCloseTo(667.170, within(0.001));
        assertThat(chosen.get(2).distanceMetres()).isCloseTo(881.386, within(0.001));
        assertThat(chosen.get(3).distanceMetres()).isCloseTo(1111.951, within(0.001));
        assertThat(chosen).extracting(ResponderRecommendation::kind)
                .containsExactly("SECURITY_GUARD", "SECURITY_GUARD", "POLICE_PATROL", "POLICE_PATROL");
        assertThat(chosen.get(0).callSign()).isEqualTo("call SG-1");
    }

    @Test
    void responders_who_are_not_available_are_never_recommended_however_close() {
        List<ResponderRecommendation> chosen = ClosestResponders.closest(SCENE_LAT, SCENE_LON, ROSTER, 10);

        assertThat(chosen).extracting(ResponderRecommendation::responderId)
                .containsExactly("SG-1", "SG-2", "PC-1", "PC-2", "PC-3", "PC-4");
        assertThat(chosen.get(5).etaSeconds()).isEqualTo(443L);
    }

    @Test
    void per_kind_limits_each_kind_separately() {
        List<ResponderRecommendation> chosen = ClosestResponders.closest(SCENE_LAT, SCENE_LON, ROSTER, 1);

        assertThat(chosen).extracting(ResponderRecommendation::responderId).containsExactly("SG-1", "PC-1");
    }

    @Test
    void equally_distant_responders_are_ordered_by_id() {
        List<ResponderView> twins = List.of(police("PC-B", 37.5763, 126.9019, "AVAILABLE"),
                police("PC-A", 37.5763, 126.9019, "AVAILABLE"));

        assertThat(ClosestResponders.closest(SCENE_LAT, SCENE_LON, twins, 3))
                .extracting(ResponderRecommendation::responderId).containsExactly("PC-A", "PC-B");
    }

    @Test
    void a_kilometre_takes_a_patrol_car_156_seconds_and_a_guard_team_187() {
        // 1,300 m of road at 30 km/h (8.33 m/s) is 156 s; at 25 km/h (6.94 m/s) 187.2 s.
        assertThat(ClosestResponders.etaSeconds(ResponderKind.POLICE_PATROL, 1000)).isEqualTo(156L);
        assertThat(ClosestResponders.etaSeconds(ResponderKind.SECURITY_GUARD, 1000)).isEqualTo(187L);
        assertThat(ClosestResponders.etaSeconds(ResponderKind.POLICE_PATROL, 0)).isZero();
    }

    @Test
    void one_hundredth_of_a_degree_of_latitude_is_1112_metres_anywhere() {
        assertThat(ClosestResponders.distanceMetres(37.0, 127.0, 37.01, 127.0)).isCloseTo(1111.951, within(0.001));
        assertThat(ClosestResponders.distanceMetres(0.0, 0.0, 0.01, 0.0)).isCloseTo(1111.951, within(0.001));
    }

    @Test
    void an_empty_roster_recommends_nobody() {
        assertThat(ClosestResponders.closest(SCENE_LAT, SCENE_LON, List.of(), 3)).isEmpty();
    }

    private static ResponderView police(String id, double lat, double lon, String status) {
        return view(id, "POLICE_PATROL", lat, lon, status);
    }

    private static ResponderView guard(String id, double lat, double lon, String status) {
        return view(id, "SECURITY_GUARD", lat, lon, status);
    }

    private static ResponderView view(String id, String kind, double lat, double lon, String status) {
        return new ResponderView(id, kind, "call " + id, "base", "11440", lat, lon, status, Instant.EPOCH, null);
    }
}
