package kr.anshim.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident's procedure and how far it has come ({@link Routes#PROCEDURE_CHECKLIST}): every step,
 * with who checked it off and when (null while unfinished). Empty steps: no procedure for its kind.
 */
public record ProcedureChecklist(UUID incidentId, String incidentKind, String protection, List<Item> steps) {

    public ProcedureChecklist {
        steps = List.copyOf(steps);
    }

    public record Item(String id, String ko, String en, String doneBy, Instant doneAt) {

        public boolean done() {
            return doneAt != null;
        }
    }

    public long unfinished() {
        return steps.stream().filter(step -> !step.done()).count();
    }
}
