package kr.anshim.backend.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import kr.anshim.api.Procedure;
import kr.anshim.api.ProcedureChecklist;
import kr.anshim.backend.incident.Incident;
import kr.anshim.api.IncidentKind;
import kr.anshim.backend.incident.IncidentStore;
import kr.anshim.backend.security.Caller;
import kr.anshim.backend.security.Role;
import kr.anshim.backend.storage.ScreenDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Procedures (SOPs) per incident kind and protection status, and the steps checked off on each
 * incident. An incident follows the procedure for its kind and its protection status, else the
 * kind's {@code ANY} one. Every step checked off and every procedure saved is in the alarm audit.
 */
@Component
public class Procedures {

    static final int MOST_STEPS = 20;
    static final int LONGEST_TEXT = 200;
    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> PROTECTIONS = Set.of("PROTECTED", "ORDINARY", "ANY");

    private final DatabaseClient db;
    private final IncidentStore incidents;
    private final AlarmAudit audit;
    private final ObjectMapper json;
    private final Clock clock;

    Procedures(ScreenDatabase screens, IncidentStore incidents, AlarmAudit audit, ObjectMapper json, Clock clock) {
        this.db = screens.client();
        this.incidents = incidents;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    Flux<Procedure> all() {
        return ScreenDatabase.fully(db.sql("select incident_kind, protection, steps::text as steps, updated_by, updated_at from procedure"
                        + " order by incident_kind, protection")
                .map((Readable row) -> procedure(row)).all());
    }

    /** The incident's checklist, if it is in the caller's wards. */
    public Mono<ProcedureChecklist> checklist(Caller caller, UUID incidentId) {
        return visible(caller, incidentId).flatMap(this::checklist);
    }

    Mono<ProcedureChecklist> check(Caller caller, UUID incidentId, String stepId) {
        if (caller.role() != Role.OPERATOR && caller.role() != Role.SUPERVISOR) {
            return Mono.error(new AlarmRefusal("alarm.refused.role", "only operators and supervisors check off steps"));
        }
        return visible(caller, incidentId).flatMap(incident -> checklist(incident).flatMap(list -> {
            ProcedureChecklist.Item step = list.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
                    .orElseThrow(() -> new AlarmRefusal("alarm.refused.no-step", "the procedure has no step '" + stepId + "'"));
            if (step.done()) {
                return Mono.just(list);
            }
            Instant now = clock.instant();
            return db.sql("""
                            insert into procedure_step_done (incident_id, step_id, step_text, done_by, done_at)
                            values ($1, $2, $3, $4, $5) on conflict do nothing""")
                    .bind(0, incidentId).bind(1, stepId).bind(2, step.ko() + " · " + step.en()).bind(3, caller.id())
                    .bind(4, utc(now))
                    .fetch().rowsUpdated()
                    .flatMap(rows -> rows == 0 ? Mono.<Void>empty() : audit.append(now, caller.id(), "PROCEDURE_STEP",
                            incident.wardCode(), incidentId.toString(), stepId + ": " + step.en()))
                    .then(checklist(incident));
        }));
    }

    Mono<Procedure> save(Caller caller, Procedure procedure) {
        if (caller.role() != Role.SUPERVISOR) {
            return Mono.error(new AlarmRefusal("alarm.refused.supervisors-only", "for supervisors only"));
        }
        return Mono.fromCallable(() -> checked(procedure)).flatMap(valid -> {
            Instant now = clock.instant();
            return db.sql("""
                            insert into procedure (incident_kind, protection, steps, updated_by, updated_at)
                            values ($1, $2, $3::jsonb, $4, $5)
                            on conflict (incident_kind, protection) do update
                            set steps = excluded.steps, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                    .bind(0, valid.incidentKind()).bind(1, valid.protection()).bind(2, write(valid.steps()))
                    .bind(3, caller.id()).bind(4, utc(now))
                    .then()
                    .then(audit.append(now, caller.id(), "PROCEDURE_SAVED", null, valid.incidentKind() + "/" + valid.protection(),
                            valid.steps().size() + " steps: " + String.join(", ", valid.steps().stream().map(Procedure.Step::id).toList())))
                    .thenReturn(new Procedure(valid.incidentKind(), valid.protection(), valid.steps(), caller.id(), now));
        });
    }

    /** The checked procedure, or a refusal saying what to fix. */
    static Procedure checked(Procedure p) {
        if (p == null || p.incidentKind() == null || java.util.Arrays.stream(IncidentKind.values()).noneMatch(k -> k.name().equals(p.incidentKind()))) {
            throw new AlarmRefusal("alarm.refused.procedure-kind", "incidentKind must be one of " + java.util.Arrays.toString(IncidentKind.values()));
        }
        if (!PROTECTIONS.contains(p.protection())) {
            throw new AlarmRefusal("alarm.refused.procedure-protection", "protection must be PROTECTED, ORDINARY or ANY");
        }
        if (p.steps().isEmpty() || p.steps().size() > MOST_STEPS) {
            throw new AlarmRefusal("alarm.refused.procedure-steps", "a procedure has 1 to " + MOST_STEPS + " steps");
        }
        Set<String> ids = new HashSet<>();
        for (Procedure.Step step : p.steps()) {
            if (step == null || step.id() == null || !STEP_ID.matcher(step.id()).matches() || !ids.add(step.id())) {
                throw new AlarmRefusal("alarm.refused.procedure-step-id",
                        "each step needs its own id of lower-case letters, digits and hyphens (at most 40)");
            }
            if (blankOrLong(step.ko()) || blankOrLong(step.en())) {
                throw new AlarmRefusal("alarm.refused.procedure-step-text",
                        "each step needs a Korean and an English text of at most " + LONGEST_TEXT + " characters");
            }
        }
        return new Procedure(p.incidentKind(), p.protection(),
                p.steps().stream().map(s -> new Procedure.Step(s.id(), s.ko().strip(), s.en().strip())).toList(), null, null);
    }

    private static boolean blankOrLong(String text) {
        return text == null || text.isBlank() || text.length() > LONGEST_TEXT;
    }

    private Mono<Incident> visible(Caller caller, UUID incidentId) {
        return (incidentId == null ? Mono.<Incident>empty() : incidents.byIdForScreens(incidentId))
                .filter(incident -> caller.sees(incident.wardCode()))
                .switchIfEmpty(Mono.error(new AlarmRefusal("alarm.refused.not-found", "no incident " + incidentId + " in your wards")));
    }

    private Mono<ProcedureChecklist> checklist(Incident incident) {
        String protection = incident.protectedPerson() ? "PROTECTED" : "ORDINARY";
        Mono<List<Procedure.Step>> steps = db.sql("""
                        select steps::text as steps from procedure where incident_kind = $1 and protection in ($2, 'ANY')
                        order by protection = 'ANY' limit 1""")
                .bind(0, incident.kind().name()).bind(1, protection)
                .map((Readable row) -> read(row.get("steps", String.class))).one().defaultIfEmpty(List.of());
        Mono<Map<String, Object[]>> done = db.sql("select step_id, done_by, done_at from procedure_step_done where incident_id = $1")
                .bind(0, incident.id())
                .map((Readable row) -> Map.entry(row.get("step_id", String.class),
                        new Object[]{row.get("done_by", String.class), row.get("done_at", OffsetDateTime.class).toInstant()}))
                .all().collect(HashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()));
        return Mono.zip(steps, done).map(found -> new ProcedureChecklist(incident.id(), incident.kind().name(), protection,
                found.getT1().stream().map(step -> {
                    Object[] d = found.getT2().get(step.id());
                    return new ProcedureChecklist.Item(step.id(), step.ko(), step.en(), d == null ? null : (String) d[0],
                            d == null ? null : (Instant) d[1]);
                }).toList()));
    }

    private Procedure procedure(Readable row) {
        return new Procedure(row.get("incident_kind", String.class), row.get("protection", String.class),
                read(row.get("steps", String.class)), row.get("updated_by", String.class),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private List<Procedure.Step> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
