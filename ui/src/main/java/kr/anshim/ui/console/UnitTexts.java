package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;
import kr.anshim.api.UnitStatus;

/** A unit's ETA and last position time as the panel and the status board read them (KST). */
final class UnitTexts {

    private UnitTexts() {
    }

    static String eta(Component c, long seconds) {
        return seconds == 0 ? c.getTranslation("board.eta.arrived")
                : c.getTranslation("detail.eta") + " " + c.getTranslation("detail.eta.value", seconds / 60, seconds % 60);
    }

    static String position(Component c, UnitStatus unit) {
        String at = unit.positionAt() == null ? c.getTranslation("board.position.none")
                : c.getTranslation("board.position.at", Timeline.TIME.format(unit.positionAt()));
        return unit.stale() ? at + " ⚠ " + c.getTranslation("board.position.stale") : at;
    }
}
