package kr.anshim.backend.incident;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;

import kr.anshim.api.DeviceFamily;
import kr.anshim.api.IncidentView;
import kr.anshim.api.NextSteps;
import kr.anshim.api.Outcome;
import kr.anshim.api.SignalType;
import kr.anshim.backend.ranking.Ranking;
import kr.anshim.backend.ranking.RankingFacts;
import kr.anshim.backend.ranking.SeverityRanking;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable snapshot of one incident; every change makes a new one.
 * <p>
 * {@code version} is stored with the incident and grows with every change (each change method
 * returns {@code version + 1}; {@link #reranked} alone keeps it, being a pure recomputation used
 * on reading and by {@link #aged}). Changes are made by one writer, the journal's serial stage,
 * starting from the committed state, so a screen can tell an older state of an incident from a
 * newer one whatever order they arrive in.
 */
public record Incident(UUID id, String wardCode, String householdId, IncidentKind kind, IncidentStatus status,
                       DeviceFamily family, SignalType lastSignal, double latitude, double longitude,
                       Instant openedAt, Instant updatedAt, Instant lastSignalAt,
                       Map<SignalType, Integer> signalCounts, Set<String> deviceIds, boolean protectedPerson,
                       Ranking ranking, Call112Status call112, CallbackStatus callback, String outcome,
                       Instant closedAt, long version) {

    public Incident {
        signalCounts = Map.copyOf(signalCounts);
        deviceIds = Set.copyOf(deviceIds);
    }

    /**
     * Opens an incident from its first signal. It opens when the control centre learns of it
     * ({@code now}), so a late-delivered event does not start out already aged.
     */
    public static Incident open(UUID id, Signal signal, SeverityRanking ranking, Instant now) {
        Map<SignalType, Integer> counts = new EnumMap<>(SignalType.class);
        counts.put(signal.type(), 1);
        Set<String> devices = Set.of(signal.deviceId());
        RankingFacts facts = new RankingFacts(counts, 1, signal.protectedPerson(), now,
                signal.occurredAt(), true, 1);
        return new Incident(id, signal.wardCode(), signal.householdId(), IncidentKind.of(signal.type()),
                IncidentStatus.NEW, signal.family(), signal.type(), signal.latitude(), signal.longitude(),
                now, now, signal.occurredAt(), counts, devices, signal.protectedPerson(),
                ranking.rank(facts, now), Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, null, 1);
    }

    /**
     * Opens a prowler incident from loitering seen at two different doors close together; it
     * belongs to no single household.
     */
    public static Incident prowler(UUID id, Signal earlier, Signal later, SeverityRanking ranking, Instant now) {
        Incident first = open(id, earlier, ranking, now);
        Incident prowler = new Incident(id, earlier.wardCode(), null, IncidentKind.PROWLER, IncidentStatus.NEW,
                earlier.family(), earlier.type(), earlier.latitude(), earlier.longitude(), now, now,
                earlier.occurredAt(), first.signalCounts(), first.deviceIds(), false, first.ranking(),
                Call112Status.NOT_REQUESTED, CallbackStatus.NOT_TRIED, null, null, 1);
        return prowler.with(later, ranking, now);
    }

    /** Adds a signal: the kind and score may step up, never down. */
    public Incident with(Signal signal, SeverityRanking rules, Instant now) {
        Map<SignalType, Integer> counts = new EnumMap<>(SignalType.class);
        counts.putAll(signalCounts);
        counts.merge(signal.type(), 1, Integer::sum);
        Set<String> devices = new LinkedHashSet<>(deviceIds);
        devices.add(signal.deviceId());
        Instant last = signal.occurredAt().isAfter(lastSignalAt) ? signal.occurredAt() : lastSignalAt;
        IncidentKind nextKind = kind == IncidentKind.PROWLER ? kind : IncidentKind.of(SeverityRanking.strongest(counts));
        Incident next = new Incident(id, wardCode, householdId, nextKind,
                status, family, signal.type(), latitude, longitude, openedAt, now, last, counts, devices,
                protectedPerson, ranking, call112, callback, outcome, closedAt, version + 1);
        return next.reranked(rules, now);
    }

    /** Recomputes the score, e.g. as an unacknowledged incident ages. */
    public Incident reranked(SeverityRanking ranking, Instant now) {
        RankingFacts facts = new RankingFacts(signalCounts, deviceIds.size(), protectedPerson, openedAt, lastSignalAt,
                status == IncidentStatus.NEW, kind == IncidentKind.PROWLER ? deviceIds.size() : 1);
        return new Incident(id, wardCode, householdId, kind, status, family, lastSignal, latitude, longitude,
                openedAt, updatedAt, lastSignalAt, signalCounts, deviceIds, protectedPerson, ranking.rank(facts, now),
                call112, callback, outcome, closedAt, version);
    }

    /** A new lifecycle state; closing states stamp {@code closedAt}, reopening clears it and the outcome. */
    public Incident withStatus(IncidentStatus next, String newOutcome, Instant now) {
        Instant closed = next.open() ? null : now;
        String out = next.open() ? null : newOutcome;
        return new Incident(id, wardCode, householdId, kind, next, family, lastSignal, latitude, longitude,
                openedAt, now, lastSignalAt, signalCounts, deviceIds, protectedPerson, ranking,
                call112, callback, out, closed, version + 1);
    }

    public Incident withCall112(Call112Status next, Instant now) {
        return new Incident(id, wardCode, householdId, kind, status, family, lastSignal, latitude, longitude,
                openedAt, now, lastSignalAt, signalCounts, deviceIds, protectedPerson, ranking,
                next, callback, outcome, closedAt, version + 1);
    }

    public Incident withCallback(CallbackStatus next, Instant now) {
        return new Incident(id, wardCode, householdId, kind, status, family, lastSignal, latitude, longitude,
                openedAt, now, lastSignalAt, signalCounts, deviceIds, protectedPerson, ranking,
                call112, next, outcome, closedAt, version + 1);
    }

    /** Only the timestamp changes, e.g. for a note. */
    public Incident touched(Instant now) {
        return new Incident(id, wardCode, householdId, kind, status, family, lastSignal, latitude, longitude,
                openedAt, now, lastSignalAt, signalCounts, deviceIds, protectedPerson, ranking,
                call112, callback, outcome, closedAt, version + 1);
    }

    /** Re-ranked as it ages: a change of score, so a new version. */
    public Incident aged(SeverityRanking ranking, Instant now) {
        Incident aged = reranked(ranking, now);
        return new Incident(id, wardCode, householdId, kind, status, family, lastSignal, latitude, longitude,
                openedAt, updatedAt, lastSignalAt, signalCounts, deviceIds, protectedPerson, aged.ranking,
                call112, callback, outcome, closedAt, version + 1);
    }

    public int signals() {
        return signalCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public IncidentView view() {
        return new IncidentView(id, wardCode, latitude, longitude, kind, ranking.severity(),
                ranking.score(), status, family, lastSignal, signals(), openedAt, updatedAt,
                ranking.reasons(), call112, callback, outcomeOrNull(), version, protectedPerson, ranking.escalated(),
                kind == IncidentKind.PROWLER ? deviceIds.size() : 1, householdId, NextSteps.NONE, closedAt);
    }

    /** The stored outcome as the contract's enum; a name this version does not know reads as OTHER. */
    private Outcome outcomeOrNull() {
        if (outcome == null) {
            return null;
        }
        return java.util.Arrays.stream(Outcome.values()).filter(o -> o.name().equals(outcome)).findFirst().orElse(Outcome.OTHER);
    }
}
