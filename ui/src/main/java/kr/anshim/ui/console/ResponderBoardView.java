package kr.anshim.ui.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import kr.anshim.api.IncidentView;
import kr.anshim.api.ResponderBoard;
import kr.anshim.api.UnitStatus;
import kr.anshim.ui.IncidentTexts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The responder status board: every unit the operator's wards see (the backend scopes it), with
 * its status, the incident it serves, its ETA and when its position was last measured (KST); a
 * stale position is flagged in words and colour. Units on a call come first.
 */
final class ResponderBoardView extends Grid<UnitStatus> {

    private final Function<UUID, Optional<IncidentView>> incidents;

    ResponderBoardView(boolean severalWards, Function<UUID, Optional<IncidentView>> incidents) {
        this.incidents = incidents;
        setId("responder-board");
        // the call sign and the incident wrap within what is left: sized to their longest text they made the
        // supervisor's board (with its ward column) ~30 px wider than its half of a 1920 px screen
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setSizeFull();
        addColumn(UnitStatus::callSign).setHeader(getTranslation("board.unit"))
                .setWidth("7rem").setFlexGrow(2).setKey("unit");
        if (severalWards) {
            addColumn(u -> IncidentTexts.ward(u.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true)
                    .setFlexGrow(0).setKey("ward");
        }
        addColumn(u -> getTranslation("responderStatus." + u.status())).setHeader(getTranslation("queue.status"))
                .setAutoWidth(true).setFlexGrow(0).setKey("status");
        addColumn(this::incident).setHeader(getTranslation("board.incident")).setWidth("8rem").setFlexGrow(1).setKey("incident");
        setColumnReorderingAllowed(false);
        addColumn(u -> u.etaSeconds() == null ? "—" : u.etaSeconds() == 0 ? getTranslation("board.eta.arrived")
                        : getTranslation("detail.eta.value", u.etaSeconds() / 60, u.etaSeconds() % 60)).setHeader(getTranslation("detail.eta"))
                .setAutoWidth(true).setFlexGrow(0).setKey("eta");
        addColumn(u -> (u.positionAt() == null ? getTranslation("board.position.never") : Timeline.TIME.format(u.positionAt()))
                        + (u.stale() ? " ⚠ " + getTranslation("board.stale") : "")).setHeader(getTranslation("board.position")).setAutoWidth(true)
                .setFlexGrow(0).setKey("position");
        setPartNameGenerator(u -> u.stale() ? "unit-stale-row" : null);
    }

    /** Units on a call first (what the operator follows), each group in the backend's order: ward, then id. */
    void show(ResponderBoard board) {
        List<UnitStatus> units = new java.util.ArrayList<>(board.units());
        units.sort(java.util.Comparator.comparing((UnitStatus u) -> u.incidentId() == null));
        setItems(units);
    }

    private String incident(UnitStatus unit) {
        if (unit.incidentId() == null) {
            return "—";
        }
        return incidents.apply(unit.incidentId())
                .map(i -> getTranslation("kind." + i.kind()) + " · " + getTranslation("status." + i.status()))
                .orElse(getTranslation("board.incident.closed"));
    }
}
