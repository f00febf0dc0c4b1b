package kr.anshim.ui.alarm;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import kr.anshim.api.HandoverSummary;
import kr.anshim.ui.IncidentTexts;

import java.util.List;

/**
 * A handover's generated summary, as both operators read it: the open incidents (counted), the
 * stale ones and those with unfinished procedure steps (listed), and the shelved items with the
 * time each returns (Seoul time).
 */
class HandoverSummaryView extends Div {

    HandoverSummaryView(HandoverSummary summary) {
        addClassName("anshim-handover-summary");
        Span counts = new Span(getTranslation("handover.counts", summary.open().size(), summary.stale(),
                summary.shelved().size(), summary.withUnfinishedProcedures()));
        counts.setId("handover-counts");
        add(counts);
        section("handover-stale", "handover.stale", summary.open().stream().filter(HandoverSummary.OpenIncident::stale)
                .map(this::incident).toList());
        section("handover-unfinished", "handover.unfinished", summary.open().stream().filter(i -> i.unfinishedSteps() > 0)
                .map(i -> incident(i) + " · " + getTranslation("procedure.unfinished", i.unfinishedSteps())).toList());
        section("handover-shelved", "handover.shelved", summary.shelved().stream()
                .map(s -> AlarmTexts.target(this, s) + " · " + s.reason() + " · "
                        + getTranslation("shelve.col.until") + " " + AlarmTexts.kst(s.expiresAt())).toList());
    }

    private String incident(HandoverSummary.OpenIncident incident) {
        return getTranslation("kind." + incident.kind()) + " · " + getTranslation("severity." + incident.severity()) + " · "
                + getTranslation("status." + incident.status()) + " · " + getTranslation("handover.opened",
                AlarmTexts.kst(incident.openedAt()));
    }

    private void section(String id, String title, List<String> lines) {
        Div box = new Div(new H4(getTranslation(title, lines.size())));
        box.setId(id);
        if (lines.isEmpty()) {
            box.add(new Span(getTranslation("handover.none")));
        } else {
            UnorderedList list = new UnorderedList();
            lines.forEach(line -> list.add(new ListItem(line)));
            box.add(list);
        }
        add(box);
    }

    static String ward(String code) {
        return IncidentTexts.ward(code);
    }
}
