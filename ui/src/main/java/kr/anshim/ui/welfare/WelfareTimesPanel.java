package kr.anshim.ui.welfare;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import kr.anshim.api.welfare.WelfareTimes;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.security.AnshimUser;

/**
 * Per ward, the last 30 days: welfare alerts, how many are still open, and the median time from the
 * threshold passing (or a visit falling overdue) to the officer's first contact and to the outcome.
 */
public class WelfareTimesPanel extends VerticalLayout {

    private final WelfareScreenData data;
    private final AnshimUser user;
    private final Grid<WelfareTimes> grid = new Grid<>();

    public WelfareTimesPanel(WelfareScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setPadding(false);
        grid.setId("welfare-times");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(t -> IncidentTexts.ward(t.wardCode())).setHeader(getTranslation("queue.ward")).setAutoWidth(true);
        grid.addColumn(WelfareTimes::alerts).setHeader(getTranslation("welfare.times.alerts")).setAutoWidth(true);
        grid.addColumn(WelfareTimes::open).setHeader(getTranslation("welfare.times.open")).setAutoWidth(true);
        grid.addColumn(t -> duration(t.medianToFirstContactSeconds())).setHeader(getTranslation("welfare.times.toContact")).setAutoWidth(true);
        grid.addColumn(t -> duration(t.medianToOutcomeSeconds())).setHeader(getTranslation("welfare.times.toOutcome")).setAutoWidth(true);
        grid.addColumn(t -> duration(t.maxToOutcomeSeconds())).setHeader(getTranslation("welfare.times.maxOutcome")).setAutoWidth(true);
        Button reload = new Button(getTranslation("access.reload"), click -> load(UI.getCurrent()));
        reload.setId("welfare-times-reload");
        add(new H3(getTranslation("welfare.times.title")), reload, grid);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        load(attachEvent.getUI());
    }

    private void load(UI ui) {
        data.times(user).subscribe(rows -> ui.access(() -> grid.setItems(rows)), error -> { });
    }

    /** 1 h 05 m, 3 m 20 s; "—" without a sample. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return "%d h %02d m".formatted(s / 3600, s % 3600 / 60);
        }
        return "%d m %02d s".formatted(s / 60, s % 60);
    }
}
