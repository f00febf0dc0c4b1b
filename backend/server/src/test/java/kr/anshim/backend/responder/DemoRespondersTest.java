package kr.anshim.backend.responder;

import kr.anshim.api.DemoResponders;
import kr.anshim.api.ResponderKind;
import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo roster the backend seeds and the simulator drives (from the api module). */
class DemoRespondersTest {

    private static final List<DemoResponders.Responder> ROSTER = DemoResponders.generate(20221101L);

    @Test
    void every_one_of_the_31_police_stations_has_three_patrol_cars() {
        Map<String, Long> carsPerStation = ROSTER.stream().filter(r -> r.kind() == ResponderKind.POLICE_PATROL)
                .collect(Collectors.groupingBy(DemoResponders.Responder::baseName, Collectors.counting()));
        Set<String> stations = Wards.seoul().all().stream().flatMap(w -> w.policeStations().stream())
                .collect(Collectors.toSet());

        assertThat(stations).hasSize(31);
        assertThat(carsPerStation.keySet()).isEqualTo(stations);
        assertThat(carsPerStation.values()).containsOnly(3L);
    }

    @Test
    void every_ward_has_one_to_three_guard_posts_with_two_teams_each() {
        for (Ward ward : Wards.seoul().all()) {
            Map<String, Long> teamsPerPost = ROSTER.stream()
                    .filter(r -> r.kind() == ResponderKind.SECURITY_GUARD && r.wardCode().equals(ward.code()))
                    .collect(Collectors.groupingBy(DemoResponders.Responder::baseName, Collectors.counting()));
            assertThat(teamsPerPost.size()).as(ward.nameEn()).isBetween(1, 3);
            assertThat(teamsPerPost.values()).as(ward.nameEn()).containsOnly(2L);
        }
    }

    @Test
    void every_base_is_within_900_metres_of_its_ward_interior_point() {
        for (DemoResponders.Responder responder : ROSTER) {
            Ward ward = Wards.seoul().byCode(responder.wardCode()).orElseThrow();
            double metres = ClosestResponders.distanceMetres(ward.interiorLatitude(), ward.interiorLongitude(),
                    responder.baseLatitude(), responder.baseLongitude());
            assertThat(metres).as(responder.id()).isLessThanOrEqualTo(900);
        }
    }

    @Test
    void ids_are_unique_and_name_the_kind_the_ward_and_a_number() {
        assertThat(ROSTER).extracting(DemoResponders.Responder::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("(PC|SG)-11\\d{3}-\\d{2}"));
        DemoResponders.Responder mapo = ROSTER.stream().filter(r -> r.id().equals("PC-11440-03")).findFirst().orElseThrow();
        assertThat(mapo.callSign()).isEqualTo("마포경찰서 순찰 3호");
        assertThat(mapo.baseName()).isEqualTo("서울마포경찰서");
        DemoResponders.Responder guard = ROSTER.stream().filter(r -> r.id().equals("SG-11440-02")).findFirst().orElseThrow();
        assertThat(guard.callSign()).isEqualTo("안심경비 마포 1거점 2조");
        assertThat(guard.baseName()).isEqualTo("안심경비 마포 1거점");
    }

    @Test
    void the_same_seed_gives_the_same_roster() {
        assertThat(DemoResponders.generate(20221101L)).isEqualTo(ROSTER);
        assertThat(DemoResponders.generate(7L)).isNotEqualTo(ROSTER);
    }
}
