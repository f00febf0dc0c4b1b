package kr.anshim.backend.cluster;

import kr.anshim.api.Ward;
import kr.anshim.api.Wards;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which partition carries a ward: the ward's place among Seoul's 25 (by code) modulo the partition
 * count, the same on every instance and for every ward-keyed topic, so a ward's events, commands,
 * heartbeats and changes share one partition number and one owner.
 */
final class WardPartitions {

    private final Map<String, Integer> partitionOf = new HashMap<>();
    private final int partitions;

    WardPartitions(int partitions) {
        this.partitions = partitions;
        List<String> codes = Wards.seoul().all().stream().map(Ward::code).sorted().toList();
        for (int i = 0; i < codes.size(); i++) {
            partitionOf.put(codes.get(i), i % partitions);
        }
    }

    int partitionOf(String wardCode) {
        Integer partition = partitionOf.get(wardCode);
        if (partition == null) {
            throw new IllegalArgumentException("not a Seoul ward: " + wardCode);
        }
        return partition;
    }

    /** The wards a set of partitions carries. */
    Set<String> wardsOf(Collection<Integer> owned) {
        Set<String> wards = new TreeSet<>();
        partitionOf.forEach((ward, partition) -> {
            if (owned.contains(partition)) {
                wards.add(ward);
            }
        });
        return wards;
    }

    int count() {
        return partitions;
    }
}
