package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentKind;

import kr.anshim.api.SignalType;
import kr.anshim.backend.ranking.SeverityRanking;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Folds signals into incidents.
 * <ul>
 *   <li>Signals from one household within the window join its open incident, whose kind and score
 *   step up (loitering, tamper, wrong codes, door forced; a bell is the top).</li>
 *   <li>Loitering at the doors of different households within {@code prowler-distance} and
 *   {@code prowler-window} also forms one cross-household prowler incident, within one ward: a
 *   ward has one owner (in a cluster, the one instance that holds its partition), so correlation
 *   never needs another ward's state. Loitering on both sides of a ward border is not joined.</li>
 * </ul>
 * Planning is side-effect free; {@link #commit} applies a plan once its batch is durably stored,
 * so a failed transaction leaves no trace here. Plans are made by one stage at a time (the
 * journal's serial commit stage).
 */
@Component
public class Correlator {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final SeverityRanking ranking;
    private final Clock clock;
    private final Duration window;
    private final double prowlerDistanceMetres;
    private final Duration prowlerWindow;
    private final Supplier<UUID> ids;
    private final Map<String, Incident> openByHousehold = new ConcurrentHashMap<>();
    private final Map<UUID, Incident> openProwlers = new ConcurrentHashMap<>();
    private final Map<UUID, Incident> openById = new ConcurrentHashMap<>();
    private final Map<String, Incident> closedByHousehold = new ConcurrentHashMap<>();
    private final Duration reopenGrace;
    private final NearbyIndex<Signal> recentLoitering;
    private final NearbyIndex<UUID> prowlerLocations;
    private Instant lastExpiry = Instant.EPOCH;
    private long agingCursor;

    @Autowired
    Correlator(SeverityRanking ranking, Clock clock,
               @Value("${anshim.correlation.window:PT10M}") Duration window,
               @Value("${anshim.correlation.prowler-distance-metres:50}") double prowlerDistanceMetres,
               @Value("${anshim.correlation.prowler-window:PT5M}") Duration prowlerWindow,
               @Value("${anshim.incident.reopen-grace:PT30M}") Duration reopenGrace) {
        this(ranking, clock, window, prowlerDistanceMetres, prowlerWindow, reopenGrace, UUID::randomUUID);
    }

    Correlator(SeverityRanking ranking, Clock clock, Duration window, double prowlerDistanceMetres,
               Duration prowlerWindow, Duration reopenGrace, Supplier<UUID> ids) {
        this.reopenGrace = reopenGrace;
        this.ranking = ranking;
        this.clock = clock;
        this.window = window;
        this.prowlerDistanceMetres = prowlerDistanceMetres;
        this.prowlerWindow = prowlerWindow;
        this.ids = ids;
        this.recentLoitering = new NearbyIndex<>(prowlerDistanceMetres);
        this.prowlerLocations = new NearbyIndex<>(prowlerDistanceMetres);
    }

    public CorrelationPlan plan(List<Signal> signals) {
        Instant now = clock.instant();
        Planning planning = new Planning();
        signals.stream().sorted(Comparator.comparing(Signal::occurredAt)).forEach(signal -> {
            Incident current = planning.households.getOrDefault(signal.householdId(),
                    openByHousehold.getOrDefault(signal.householdId(), closedByHousehold.get(signal.householdId())));
            Incident next = fold(current, signal, now, planning);
            if (next != null) {
                planning.households.put(signal.householdId(), next);
                planning.record(signal, next, current);
            }
            if (signal.type() == SignalType.LOITERING) {
                prowler(signal, planning, now);
            }
        });
        return new CorrelationPlan(planning.incidentOfEvent, planning.changed, planning.loitering, planning.transitions,
                planning.readVersions);
    }

    /** Re-ranks every incident still awaiting acknowledgement; only those whose score changed are in the plan. */
    public CorrelationPlan planAging() {
        return planAging(Integer.MAX_VALUE);
    }

    /**
     * Re-ranks at most {@code limit} incidents awaiting acknowledgement, continuing where the last
     * call stopped, so thousands of open incidents are aged in slices instead of one large write
     * that would stall the alarms queued behind it.
     */
    public CorrelationPlan planAging(int limit) {
        Instant now = clock.instant();
        Map<UUID, Incident> changed = new LinkedHashMap<>();
        Map<UUID, Long> read = new HashMap<>();
        List<Incident> waiting = open().stream().filter(i -> i.status() == IncidentStatus.NEW)
                .sorted(Comparator.comparing(Incident::id)).toList();
        int from = waiting.isEmpty() ? 0 : (int) (agingCursor % waiting.size());
        int count = Math.min(limit, waiting.size());
        agingCursor = from + count;
        for (int k = 0; k < count; k++) {
            Incident incident = waiting.get((from + k) % waiting.size());
            {
                Incident aged = incident.aged(ranking, now);
                if (aged.ranking().score() != incident.ranking().score()) {
                    changed.put(aged.id(), aged);
                    read.put(aged.id(), incident.version());
                }
            }
        }
        return new CorrelationPlan(Map.of(), changed, List.of(), List.of(), read);
    }

    public void commit(CorrelationPlan plan) {
        plan.changedIncidents().forEach(this::remember);
        plan.loitering().forEach(s -> recentLoitering.add(s.latitude(), s.longitude(), s));
        Instant now = clock.instant();
        if (now.isAfter(lastExpiry.plusSeconds(10))) {
            Instant horizon = now.minus(prowlerWindow);
            recentLoitering.removeIf(s -> s.occurredAt().isBefore(horizon));
            closedByHousehold.values().removeIf(i -> i.closedAt() == null || i.closedAt().isBefore(now.minus(reopenGrace)));
            prowlerLocations.removeIf(id -> !openProwlers.containsKey(id)
                    || openProwlers.get(id).lastSignalAt().isBefore(horizon));
            lastExpiry = now;
        }
    }

    /** Replaces the in-memory state, e.g. from the open incidents in the database at start-up. */
    public void load(Collection<Incident> open, Collection<Incident> recentlyClosed) {
        load(open);
        recentlyClosed.forEach(this::remember);
        open.forEach(this::remember);
    }

    public void load(Collection<Incident> open) {
        openByHousehold.clear();
        openProwlers.clear();
        openById.clear();
        closedByHousehold.clear();
        prowlerLocations.removeIf(id -> true);
        open.forEach(this::remember);
    }

    /** Adds the state of wards this instance now owns (cluster), leaving the other wards' state as it is. */
    public void adopt(Collection<Incident> open, Collection<Incident> recentlyClosed) {
        recentlyClosed.forEach(this::remember);
        open.forEach(this::remember);
    }

    /** Drops everything about these wards: another instance owns them now. */
    public void forget(java.util.Set<String> wards) {
        openByHousehold.values().removeIf(i -> wards.contains(i.wardCode()));
        openProwlers.values().removeIf(i -> wards.contains(i.wardCode()));
        openById.values().removeIf(i -> wards.contains(i.wardCode()));
        closedByHousehold.values().removeIf(i -> wards.contains(i.wardCode()));
        recentLoitering.removeIf(s -> wards.contains(s.wardCode()));
        prowlerLocations.removeIf(id -> !openProwlers.containsKey(id));
    }

    public Collection<Incident> open() {
        List<Incident> all = new ArrayList<>(openByHousehold.values());
        all.addAll(openProwlers.values());
        return all;
    }

    /** The household's open incident, if this instance knows one (prowler incidents belong to no household). */
    public Optional<Incident> openAt(String householdId) {
        return householdId == null ? Optional.empty() : Optional.ofNullable(openByHousehold.get(householdId));
    }

    /** The open incident with this id, if this instance knows it. */
    public Optional<Incident> openIncident(UUID id) {
        return Optional.ofNullable(openById.get(id));
    }

    private Incident fold(Incident current, Signal signal, Instant now, Planning planning) {
        if (current != null && current.status().open() && withinWindow(current, signal)) {
            return current.with(signal, ranking, now);
        }
        if (!signal.opensIncident()) {
            return null;
        }
        if (current != null && !current.status().open() && current.closedAt() != null
                && !signal.occurredAt().isAfter(current.closedAt().plus(reopenGrace))) {
            Incident reopened = current.withStatus(IncidentStatus.NEW, null, now).with(signal, ranking, now);
            planning.transitions.add(new Transition(reopened.id(), now, Transition.SYSTEM, "STATUS",
                    current.status().name(), IncidentStatus.NEW.name(), "reopened by " + signal.type() + " from " + signal.deviceId()));
            return reopened;
        }
        Incident opened = Incident.open(ids.get(), signal, ranking, now);
        planning.transitions.add(new Transition(opened.id(), now, Transition.SYSTEM, "STATUS", null,
                IncidentStatus.NEW.name(), "opened by " + signal.type() + " from " + signal.deviceId()));
        return opened;
    }

    private void prowler(Signal signal, Planning planning, Instant now) {
        Optional<Incident> nearby = planning.prowlersNear(signal).stream()
                .filter(p -> p.status().open() && p.wardCode().equals(signal.wardCode())
                        && !signal.occurredAt().isAfter(p.lastSignalAt().plus(prowlerWindow))
                        && metres(p.latitude(), p.longitude(), signal.latitude(), signal.longitude()) <= prowlerDistanceMetres)
                .findFirst();
        if (nearby.isPresent()) {
            planning.record(signal, nearby.get().with(signal, ranking, now), nearby.get());
        } else {
            planning.loiteringNear(signal).stream()
                    .filter(other -> !other.householdId().equals(signal.householdId())
                            && other.wardCode().equals(signal.wardCode())
                            && Duration.between(other.occurredAt(), signal.occurredAt()).abs().compareTo(prowlerWindow) <= 0
                            && metres(other.latitude(), other.longitude(), signal.latitude(), signal.longitude()) <= prowlerDistanceMetres)
                    .reduce((a, b) -> b)
                    .ifPresent(other -> {
                        Incident prowler = Incident.prowler(ids.get(), other, signal, ranking, now);
                        planning.transitions.add(new Transition(prowler.id(), now, Transition.SYSTEM, "STATUS", null,
                                IncidentStatus.NEW.name(), "prowler: loitering at " + prowler.deviceIds().size() + " doors"));
                        planning.record(signal, prowler, null);
                    });
        }
        planning.loitering.add(signal);
    }

    /**
     * The window runs from the incident's last signal or its last change, whichever is later: an
     * incident a person is working on (or has just reopened) takes its household's next signals
     * instead of a second incident opening beside it.
     */
    private boolean withinWindow(Incident incident, Signal signal) {
        Instant from = incident.updatedAt().isAfter(incident.lastSignalAt()) ? incident.updatedAt() : incident.lastSignalAt();
        // a welfare alert is about days, not minutes: it and its household's open incident belong together
        return !signal.occurredAt().isAfter(from.plus(window))
                || signal.type().welfare() || incident.kind().welfare();
    }

    private void remember(Incident incident) {
        if (incident.status().open()) {
            openById.put(incident.id(), incident);
        } else {
            openById.remove(incident.id());
        }
        if (incident.householdId() == null) {
            if (incident.status().open()) {
                if (openProwlers.put(incident.id(), incident) == null) {
                    prowlerLocations.add(incident.latitude(), incident.longitude(), incident.id());
                }
            } else {
                openProwlers.remove(incident.id());
            }
        } else if (incident.status().open()) {
            openByHousehold.put(incident.householdId(), incident);
            closedByHousehold.remove(incident.householdId());
        } else {
            openByHousehold.computeIfPresent(incident.householdId(), (h, open) -> open.id().equals(incident.id()) ? null : open);
            closedByHousehold.put(incident.householdId(), incident);
        }
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(a));
    }

    /** The working state of one plan, layered over the committed state. */
    private final class Planning {
        final Map<String, Incident> households = new HashMap<>();
        final Map<UUID, Incident> prowlersInPlan = new HashMap<>();
        final Map<UUID, UUID> incidentOfEvent = new HashMap<>();
        final Map<UUID, Incident> changed = new LinkedHashMap<>();
        final List<Signal> loitering = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();
        final Map<UUID, Long> readVersions = new HashMap<>();

        /**
         * {@code before} is the state {@code incident} was made from; the first change of an incident
         * in this plan starts from a committed state (its version is what the store must still hold),
         * or from none (a new incident, 0).
         */
        void record(Signal signal, Incident incident, Incident before) {
            readVersions.putIfAbsent(incident.id(), before != null && before.id().equals(incident.id()) ? before.version() : 0L);
            changed.put(incident.id(), incident);
            if (incident.kind() == IncidentKind.PROWLER) {
                prowlersInPlan.put(incident.id(), incident);
                incidentOfEvent.putIfAbsent(signal.eventId(), incident.id());
            } else {
                incidentOfEvent.put(signal.eventId(), incident.id());
            }
        }

        /** Open prowler incidents near the signal, as of this plan. */
        Collection<Incident> prowlersNear(Signal signal) {
            Map<UUID, Incident> near = new HashMap<>();
            for (UUID id : prowlerLocations.around(signal.latitude(), signal.longitude())) {
                Incident committed = openProwlers.get(id);
                if (committed != null) {
                    near.put(id, committed);
                }
            }
            near.putAll(prowlersInPlan);
            return near.values();
        }

        /** Loitering near the signal, committed or earlier in this plan, oldest first. */
        List<Signal> loiteringNear(Signal signal) {
            List<Signal> near = new ArrayList<>(recentLoitering.around(signal.latitude(), signal.longitude()));
            for (Signal s : loitering) {
                if (Math.abs(s.latitude() - signal.latitude()) < 0.001 && Math.abs(s.longitude() - signal.longitude()) < 0.0013) {
                    near.add(s);
                }
            }
            near.sort(Comparator.comparing(Signal::occurredAt));
            return near;
        }
    }
}
