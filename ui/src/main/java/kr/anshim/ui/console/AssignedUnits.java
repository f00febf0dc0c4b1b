package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;
import kr.anshim.api.DispatchView;
import kr.anshim.api.ResponderBoard;
import kr.anshim.api.UnitStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The units sent to one incident as the panel lists them: each stored dispatch (newest basis per
 * unit) joined with the unit's row on the live status board, so its status, ETA and last position
 * time (KST, stale flagged) follow the board; a unit the board shows on the incident before its
 * dispatch record has loaded is listed too.
 */
final class AssignedUnits {

    private AssignedUnits() {
    }

    static List<String> lines(Component c, UUID incident, List<DispatchView> dispatches, ResponderBoard board) {
        Map<String, DispatchView> latest = new LinkedHashMap<>();
        dispatches.forEach(d -> latest.put(d.responderId(), d));
        List<String> ids = new ArrayList<>(latest.keySet());
        if (board != null) {
            board.units().stream().filter(u -> incident.equals(u.incidentId()) && !latest.containsKey(u.id()))
                    .forEach(u -> ids.add(u.id()));
        }
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            Optional<UnitStatus> unit = board == null ? Optional.empty()
                    : board.units().stream().filter(u -> u.id().equals(id)).findFirst();
            lines.add(line(c, id, incident, unit.orElse(null), latest.get(id)));
        }
        return lines;
    }

    static String line(Component c, String id, UUID incident, UnitStatus unit, DispatchView dispatch) {
        StringBuilder line = new StringBuilder();
        if (unit == null) {
            line.append(id);
        } else {
            line.append(c.getTranslation("responder." + unit.kind())).append(' ').append(unit.callSign()).append(" · ");
            line.append(incident.equals(unit.incidentId()) ? c.getTranslation("responderStatus." + unit.status())
                    : c.getTranslation("detail.assigned.released"));
            if (incident.equals(unit.incidentId()) && unit.etaSeconds() != null && unit.etaSeconds() > 0) {
                line.append(" · ").append(UnitTexts.eta(c, unit.etaSeconds()));
            }
            line.append(" · ").append(UnitTexts.position(c, unit));
        }
        if (dispatch != null) {
            line.append(" · ").append(c.getTranslation("dispatch.basis.short." + DispatchBasis.of(dispatch.residentRequested(),
                    dispatch.crimeRiskConfirmed()).name()));
            line.append(" · ").append(dispatch.feeWon() > 0 ? c.getTranslation("dispatch.fee.won", dispatch.feeWon())
                    : c.getTranslation("dispatch.fee.free"));
        }
        return line.toString();
    }
}
