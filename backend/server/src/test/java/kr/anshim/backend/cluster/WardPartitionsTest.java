package kr.anshim.backend.cluster;

import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WardPartitionsTest {

    private static final List<String> CODES = Wards.seoul().all().stream().map(Ward::code).toList();

    @Test
    void with_a_partition_per_ward_every_ward_has_its_own() {
        WardPartitions partitions = new WardPartitions(25);

        Set<Integer> used = CODES.stream().map(partitions::partitionOf).collect(Collectors.toSet());

        assertThat(used).hasSize(25).allMatch(p -> p >= 0 && p < 25);
    }

    @Test
    void the_wards_of_a_partition_are_exactly_those_that_map_to_it() {
        WardPartitions partitions = new WardPartitions(4);

        for (int p = 0; p < 4; p++) {
            int partition = p;
            assertThat(partitions.wardsOf(List.of(partition)))
                    .containsExactlyInAnyOrderElementsOf(CODES.stream().filter(c -> partitions.partitionOf(c) == partition).toList());
        }
        assertThat(partitions.wardsOf(List.of(0, 1, 2, 3))).containsExactlyInAnyOrderElementsOf(CODES);
    }

    @Test
    void an_unknown_ward_has_no_partition() {
        assertThatThrownBy(() -> new WardPartitions(25).partitionOf("99999")).isInstanceOf(IllegalArgumentException.class);
    }
}
