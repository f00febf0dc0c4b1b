package kr.anshim.ui.console;

import kr.anshim.api.IncidentView;
import kr.anshim.ui.OpenIncidents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How the operator wants the queue: filtered by severity, kind, status and ward (empty = all),
 * sorted, optionally grouped by household or building, criticals optionally pinned on top (the
 * flood view). Pure: the open incidents in, the rows and their groups out.
 *
 * @param pinCritical criticals first, each on its own, whatever the grouping
 */
record QueueShape(Set<String> severities, Set<String> kinds, Set<String> statuses, Set<String> wards, Sort sort,
                  Grouping grouping, boolean pinCritical) {

    enum Sort { RANK, AGE, SEVERITY }

    enum Grouping { NONE, HOUSEHOLD, BUILDING }

    /** Households within this distance of each other are taken for one building (one entrance area). */
    static final double BUILDING_METRES = 25;

    static final QueueShape DEFAULT = new QueueShape(Set.of(), Set.of(), Set.of(), Set.of(), Sort.RANK, Grouping.NONE, false);

    QueueShape {
        severities = Set.copyOf(severities);
        kinds = Set.copyOf(kinds);
        statuses = Set.copyOf(statuses);
        wards = Set.copyOf(wards);
    }

    /** The flood view: grouped by building, criticals pinned; filters and sort kept. */
    QueueShape flood() {
        return new QueueShape(severities, kinds, statuses, wards, sort, Grouping.BUILDING, true);
    }

    QueueShape with(Grouping newGrouping, boolean pin) {
        return new QueueShape(severities, kinds, statuses, wards, sort, newGrouping, pin);
    }

    /** A group of rows: its key, and how many of the shown rows are in it. */
    record Group(String key, int size) {
    }

    /** The rows to show, in order, and each row's group (absent when not grouped, or pinned). */
    record Rows(List<IncidentView> rows, Map<UUID, Group> groups) {

        List<IncidentView> members(UUID id) {
            Group group = groups.get(id);
            return group == null ? List.of() : rows.stream().filter(r -> group.equals(groups.get(r.id()))).toList();
        }
    }

    Rows apply(Collection<IncidentView> open) {
        List<IncidentView> shown = new ArrayList<>(open.stream().filter(matches()).toList());
        shown.sort(order());
        List<IncidentView> pinned = pinCritical ? shown.stream().filter(QueueShape::critical).toList() : List.of();
        List<IncidentView> rest = pinCritical ? shown.stream().filter(i -> !critical(i)).toList() : shown;
        if (grouping == Grouping.NONE) {
            List<IncidentView> rows = new ArrayList<>(pinned);
            rows.addAll(rest);
            return new Rows(rows, Map.of());
        }
        Map<UUID, String> keys = grouping == Grouping.HOUSEHOLD ? householdKeys(rest) : buildingKeys(rest);
        // groups in the order of their first (best) row, each group's rows together in that order
        Map<String, List<IncidentView>> byKey = new LinkedHashMap<>();
        rest.forEach(i -> byKey.computeIfAbsent(keys.get(i.id()), k -> new ArrayList<>()).add(i));
        List<IncidentView> rows = new ArrayList<>(pinned);
        Map<UUID, Group> groups = new HashMap<>();
        byKey.forEach((key, members) -> {
            Group group = new Group(key, members.size());
            members.forEach(m -> groups.put(m.id(), group));
            rows.addAll(members);
        });
        return new Rows(rows, groups);
    }

    static boolean critical(IncidentView incident) {
        return "CRITICAL".equals(incident.severity());
    }

    private Predicate<IncidentView> matches() {
        return i -> (severities.isEmpty() || severities.contains(i.severity()))
                && (kinds.isEmpty() || kinds.contains(i.kind()))
                && (statuses.isEmpty() || statuses.contains(i.status()))
                && (wards.isEmpty() || wards.contains(i.wardCode()));
    }

    private Comparator<IncidentView> order() {
        return switch (sort) {
            case RANK -> OpenIncidents.QUEUE_ORDER;
            case AGE -> Comparator.comparing(IncidentView::openedAt).thenComparing(OpenIncidents.QUEUE_ORDER);
            case SEVERITY -> Comparator.comparingInt((IncidentView i) -> severityRank(i.severity()))
                    .thenComparing(IncidentView::openedAt);
        };
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "CRITICAL" -> 0;
            case "HIGH" -> 1;
            case "MEDIUM" -> 2;
            default -> 3;
        };
    }

    /** A prowler incident (no household) is a group of its own. */
    private static Map<UUID, String> householdKeys(List<IncidentView> rows) {
        Map<UUID, String> keys = new HashMap<>();
        rows.forEach(i -> keys.put(i.id(), i.householdId() == null ? "incident:" + i.id() : "household:" + i.householdId()));
        return keys;
    }

    /**
     * Single-link clusters of incidents within {@link #BUILDING_METRES}: cells of that size, each
     * incident compared with those in its own and the eight neighbouring cells, so it stays linear.
     */
    private static Map<UUID, String> buildingKeys(List<IncidentView> rows) {
        int n = rows.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double cellLat = BUILDING_METRES / 111_320.0;
        Map<Long, List<Integer>> cells = new HashMap<>();
        for (int i = 0; i < n; i++) {
            IncidentView a = rows.get(i);
            double cellLon = cellLat / Math.cos(Math.toRadians(a.latitude()));
            long cy = (long) Math.floor(a.latitude() / cellLat);
            long cx = (long) Math.floor(a.longitude() / cellLon);
            for (long dy = -1; dy <= 1; dy++) {
                for (long dx = -1; dx <= 1; dx++) {
                    for (int j : cells.getOrDefault(cell(cy + dy, cx + dx), List.of())) {
                        if (metres(a, rows.get(j)) <= BUILDING_METRES) {
                            union(parent, i, j);
                        }
                    }
                }
            }
            cells.computeIfAbsent(cell(cy, cx), k -> new ArrayList<>()).add(i);
        }
        Map<UUID, String> keys = new HashMap<>();
        for (int i = 0; i < n; i++) {
            keys.put(rows.get(i).id(), "building:" + rows.get(find(parent, i)).id());
        }
        return keys;
    }

    private static long cell(long y, long x) {
        return y * 1_000_003L + x;
    }

    private static double metres(IncidentView a, IncidentView b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude()) * Math.cos(Math.toRadians(a.latitude()));
        return 6_371_008.8 * Math.sqrt(dLat * dLat + dLon * dLon);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
