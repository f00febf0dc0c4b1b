package kr.anshim.backend.pipeline;

import kr.anshim.api.Ack;
import kr.anshim.backend.incident.AuditTrail;
import kr.anshim.backend.incident.CorrelationPlan;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.incident.Signal;
import kr.anshim.backend.livefeed.ClusterFanOut;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The ward owner's one transaction per batch: the new events, the incidents they change (each only
 * over the version the plan read, see {@link IncidentStore#write}) and their audit entries are
 * durable together, or not at all.
 */
@Component
class IncidentWriter {

    /** What a committed batch answers each event, and the plan it committed. */
    record Outcome(Map<PendingEvent, Ack> answers, CorrelationPlan plan) {
    }

    private final DeviceEvents events;
    private final IncidentStore incidents;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final ClusterFanOut fanOut;

    IncidentWriter(DeviceEvents events, IncidentStore incidents, AuditTrail audit, TransactionalOperator tx,
                   ClusterFanOut fanOut) {
        this.fanOut = fanOut;
        this.events = events;
        this.incidents = incidents;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Decides each event's answer inside the transaction: the first of an {@code eventId} that is
     * not yet stored is inserted; a resend (same device, same content) is a duplicate; the same
     * {@code eventId} from another device or with other content is a conflict, never a silent
     * "duplicate" that would make the device forget an alarm that was never stored. {@code planner}
     * folds the new events' signals into incidents.
     */
    Mono<Outcome> commit(List<PendingEvent> batch, Function<List<Signal>, CorrelationPlan> planner) {
        return Mono.defer(() -> write(batch, planner)).as(tx::transactional);
    }

    /** Incident changes alone (aging), in their own transaction. */
    Mono<Void> commit(CorrelationPlan plan) {
        return incidents.write(plan).then(fanOut.announce(plan.changed().keySet())).as(tx::transactional);
    }

    private Mono<Outcome> write(List<PendingEvent> batch, Function<List<Signal>, CorrelationPlan> planner) {
        Map<UUID, PendingEvent> firsts = new LinkedHashMap<>();
        for (PendingEvent p : batch) {
            firsts.putIfAbsent(p.event().eventId(), p);
        }
        return events.existing(firsts.keySet()).flatMap(known -> {
            Map<PendingEvent, Ack> answers = new HashMap<>();
            List<AcceptedEvent> fresh = new ArrayList<>();
            for (PendingEvent p : firsts.values()) {
                EventIdentity.Stored stored = known.get(p.event().eventId());
                if (stored == null) {
                    fresh.add(p.event());
                } else {
                    answers.put(p, EventIdentity.sameEvent(stored, p.event()) ? Ack.duplicate(p.event().eventId())
                            : conflict(p.event()));
                }
            }
            CorrelationPlan plan = planner.apply(fresh.stream().map(AcceptedEvent::signal).toList());
            return events.insert(fresh, plan)
                    .flatMap(inserted -> incidents.write(plan)
                            .then(audit.append(plan.transitions()))
                            .then(fanOut.announce(plan.changed().keySet()))
                            .thenReturn(new Outcome(answer(batch, firsts, answers, inserted), plan)));
        });
    }

    private static Map<PendingEvent, Ack> answer(List<PendingEvent> batch, Map<UUID, PendingEvent> firsts,
                                                 Map<PendingEvent, Ack> answers, Set<UUID> inserted) {
        Map<PendingEvent, Ack> all = new LinkedHashMap<>();
        for (PendingEvent p : batch) {
            UUID id = p.event().eventId();
            PendingEvent first = firsts.get(id);
            Ack firstAnswer = answers.get(first);
            if (firstAnswer == null) {
                // another writer inserted the same id a moment ago: resend, then it is judged properly
                firstAnswer = inserted.contains(id) ? Ack.stored(id) : Rejection.storageUnavailable(id).ack();
                answers.put(first, firstAnswer);
            }
            if (p == first) {
                all.put(p, firstAnswer);
            } else if (EventIdentity.sameEvent(first.event(), p.event()) && firstAnswer.durable()) {
                all.put(p, Ack.duplicate(id));
            } else {
                all.put(p, firstAnswer.durable() ? conflict(p.event()) : firstAnswer);
            }
        }
        return all;
    }

    private static Ack conflict(AcceptedEvent event) {
        return new Rejection(event.eventId(), Rejection.Reason.EVENT_ID_CONFLICT, "eventId " + event.eventId()
                + " already belongs to another event (another device, or other content); this event was NOT stored:"
                + " send it again with a new random eventId").ack();
    }
}
