package kr.anshim.api;

import java.time.Instant;
import java.util.List;

/**
 * A procedure (SOP): the checklist for incidents of one kind at a protected person's home
 * ({@code PROTECTED}), at others' ({@code ORDINARY}) or at any ({@code ANY}, used when no more
 * particular one exists). Supervisors edit them ({@link Routes#PROCEDURE_SAVE}); they travel as JSON files.
 *
 * @param updatedBy who saved it last; set by the backend
 * @param updatedAt when; set by the backend
 */
public record Procedure(String incidentKind, String protection, List<Step> steps, String updatedBy, Instant updatedAt) {

    public Procedure {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** One step, with a stable id (lower case, digits and hyphens) and its text in Korean and English. */
    public record Step(String id, String ko, String en) {
    }
}
