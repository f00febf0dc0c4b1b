package kr.anshim.ui.police;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import kr.anshim.api.IncidentCommand.Action;
import kr.anshim.api.IncidentDetail;
import kr.anshim.api.IncidentView;
import kr.anshim.api.TransitionView;
import kr.anshim.ui.IncidentTexts;
import kr.anshim.ui.console.Timeline;
import kr.anshim.ui.map.WardMap;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The police liaison's detail of one incident, within what the backend's mask allows: where it is
 * (an address, or for a prowler the doors it spans), the household (masked until police accept the
 * hand-off), the ranking reasons, a small map, the audit trail and a note.
 */
class PoliceDetail extends VerticalLayout {

    private final H3 title = new H3();
    private final Span location = new Span();
    private final Span household = new Span();
    private final UnorderedList reasons = new UnorderedList();
    private final UnorderedList timeline = new UnorderedList();
    private final TextArea note = new TextArea();
    private final Button addNote = new Button();
    private final WardMap map;
    private IncidentView shown;

    PoliceDetail(ObjectMapper json, Consumer<String> onNote) {
        setId("police-detail");
        setPadding(false);
        setSpacing(false);
        title.setId("police-detail-title");
        location.setId("police-location");
        household.setId("police-household");
        reasons.setId("police-reasons");
        timeline.setId("police-timeline");
        map = new WardMap(json);
        map.setHeight("260px");
        map.setWidthFull();
        note.setId("police-note");
        note.setWidthFull();
        note.setPlaceholder(getTranslation("action.note.placeholder"));
        note.setMaxLength(2_000);
        addNote.setText(getTranslation("action.note"));
        addNote.setId("police-add-note");
        addNote.addClickListener(click -> {
            if (!note.getValue().isBlank()) {
                onNote.accept(note.getValue());
                note.clear();
            }
        });
        Div why = new Div(new Span(getTranslation("detail.why")), reasons);
        Div trail = new Div(new Span(getTranslation("detail.timeline")), timeline);
        trail.getStyle().set("max-height", "220px").set("overflow", "auto");
        add(title, location, household, map, why, new HorizontalLayout(note, addNote), trail);
        setWidthFull();
        clear();
    }

    IncidentView shown() {
        return shown;
    }

    void clear() {
        shown = null;
        title.setText(getTranslation("detail.none"));
        location.setText("");
        household.setText("");
        reasons.removeAll();
        timeline.removeAll();
        note.setEnabled(false);
        addNote.setEnabled(false);
    }

    /** The incident as it stands (a newer version of the one shown keeps the household and trail). */
    void show(IncidentView incident) {
        boolean other = shown == null || !shown.id().equals(incident.id());
        if (other) {
            location.setText("");
            household.setText("");
            timeline.removeAll();
            if (shown != null) {
                map.remove(List.of(shown.id()));
            }
        }
        shown = incident;
        title.setText(getTranslation("kind." + incident.kind()) + " · " + IncidentTexts.ward(incident.wardCode())
                + " · " + getTranslation("severity." + incident.severity()));
        reasons.removeAll();
        IncidentTexts.reasons(this, incident).forEach(r -> reasons.add(new ListItem(r)));
        boolean mayNote = incident.next().allows(Action.NOTE);
        note.setEnabled(mayNote);
        addNote.setEnabled(mayNote);
        map.upsert(List.of(incident));
        map.select(incident.id());
    }

    void show(IncidentDetail detail) {
        location.setText(location(this::getTranslation, detail.incident(), detail));
        household.setText(household(this::getTranslation, detail));
    }

    void show(List<TransitionView> trail) {
        timeline.removeAll();
        trail.forEach(t -> timeline.add(new ListItem(Timeline.line(this, t))));
    }

    String locationText() {
        return location.getText();
    }

    String householdText() {
        return household.getText();
    }

    /** A translator: key and arguments to text. */
    interface Texts {
        String get(String key, Object... params);
    }

    /**
     * Where it is, never "null": a prowler (or any incident of no one household) by the doors it
     * spans, its ward and the first door's position (coarsened by the backend where the mask
     * applies); else the household's address as the backend lets this user see it.
     */
    static String location(Texts t, IncidentView incident, IncidentDetail detail) {
        String ward = IncidentTexts.ward(incident.wardCode());
        String where = String.format(Locale.ROOT, "%.5f, %.5f", incident.latitude(), incident.longitude());
        if (detail == null || detail.householdId() == null || incident.spansHouseholds()) {
            return t.get("police.location.doors", incident.households(), ward, where);
        }
        String address = detail.address() == null || detail.address().isBlank() ? t.get("police.location.unknown") : detail.address();
        return address + " · " + ward + (detail.masked() ? " (" + t.get("detail.masked") + ")" : "");
    }

    /** The household's contact as the backend lets this user see it; empty for an incident of no one household. */
    static String household(Texts t, IncidentDetail detail) {
        if (detail.householdId() == null) {
            return "";
        }
        String name = detail.masked() ? t.get("detail.maskedName") : orDash(detail.contactName());
        return (detail.protectedPerson() ? "⚠ " + t.get("detail.protected") + " · " : "") + name + " · "
                + orDash(detail.contactPhone()) + (detail.masked() ? " (" + t.get("detail.masked") + ")" : "");
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
