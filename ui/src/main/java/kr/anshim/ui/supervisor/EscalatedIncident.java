package kr.anshim.ui.supervisor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import kr.anshim.api.IncidentView;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.console.Timeline;
import kr.anshim.ui.security.AnshimUser;

/**
 * An escalated incident opened from the supervisor's overview, read only: what it is, its state,
 * why it ranks where it does, the household as the backend lets the supervisor see it, and its
 * audit trail; acting on it is the console's business (a link there).
 */
final class EscalatedIncident extends Dialog {

    EscalatedIncident(ScreenData data, AnshimUser user, IncidentView incident) {
        setId("escalated-incident");
        setHeaderTitle(getTranslation("kind." + incident.kind()) + " · " + IncidentTexts.ward(incident.wardCode()) + " · "
                + getTranslation("severity." + incident.severity()));
        Span state = new Span(getTranslation("queue.status") + ": " + getTranslation("status." + incident.status()) + " · "
                + getTranslation("queue.call112") + ": " + getTranslation("call112." + incident.call112()) + " · "
                + getTranslation("queue.callback") + ": " + getTranslation("callback." + incident.callback()));
        state.setId("escalated-state");
        UnorderedList reasons = new UnorderedList();
        reasons.setId("escalated-reasons");
        IncidentTexts.reasons(this, incident).forEach(r -> reasons.add(new ListItem(r)));
        Span household = new Span();
        household.setId("escalated-household");
        UnorderedList trail = new UnorderedList();
        trail.setId("escalated-timeline");
        add(new Div(state), new Div(new Span(getTranslation("detail.why")), reasons), new Div(household),
                new Div(new Span(getTranslation("detail.timeline")), trail));
        Button console = new Button(getTranslation("supervisor.openConsole"), click -> {
            close();
            UI.getCurrent().navigate("console");
        });
        console.setId("escalated-open-console");
        Button close = new Button(getTranslation("dialog.close"), click -> close());
        close.setId("escalated-close");
        getFooter().add(console, close);
        setWidth("640px");
        UI ui = UI.getCurrent();
        data.detail(user, incident.id()).subscribe(d -> ui.access(() -> household.setText(d.householdId() == null
                ? getTranslation("police.location.doors", incident.households(), IncidentTexts.ward(incident.wardCode()),
                String.format(java.util.Locale.ROOT, "%.5f, %.5f", incident.latitude(), incident.longitude()))
                : d.address() == null ? "" : d.address())), error -> { });
        data.history(user, incident.id()).subscribe(list -> ui.access(() ->
                list.forEach(t -> trail.add(new ListItem(Timeline.line(this, t))))), error -> { });
    }
}
