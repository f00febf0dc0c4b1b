package kr.anshim.ui.console;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import kr.anshim.api.ProcedureChecklist;
import kr.anshim.ui.backend.ScreenData;
import kr.anshim.ui.security.AnshimUser;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The incident's procedure (SOP) as a checklist: each step in the user's language; a step
 * checked off is sent to the backend, which stamps and audits it under the signed-in user; done
 * steps show who and when (Seoul time); the count of unfinished steps heads the list.
 */
class ProcedureChecklistView extends Div {

    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Asia/Seoul"));

    private final ScreenData data;
    private final AnshimUser user;
    private UUID incident;

    ProcedureChecklistView(ScreenData data, AnshimUser user) {
        this.data = data;
        this.user = user;
        setId("procedure-checklist");
        setWidthFull();
    }

    /** Loads the checklist of this incident (and forgets the previous one's at once). */
    void load(UUID incidentId) {
        incident = incidentId;
        removeAll();
        UI ui = UI.getCurrent();
        data.checklist(user, incidentId).subscribe(list -> ui.access(() -> show(list)), error -> ui.access(this::removeAll));
    }

    private void show(ProcedureChecklist list) {
        if (!list.incidentId().equals(incident)) {
            return;
        }
        removeAll();
        add(new H3(getTranslation("procedure.title")));
        if (list.steps().isEmpty()) {
            add(new Span(getTranslation("procedure.none")));
            return;
        }
        Span unfinished = new Span(getTranslation("procedure.unfinished", list.unfinished()));
        unfinished.setId("procedure-unfinished");
        add(unfinished);
        for (ProcedureChecklist.Item step : list.steps()) {
            Checkbox box = new Checkbox(english() ? step.en() : step.ko(), step.done());
            box.setId("procedure-step-" + step.id());
            box.setReadOnly(step.done());
            box.setWidthFull();
            if (step.done()) {
                box.setHelperText(getTranslation("procedure.done", step.doneBy(), KST.format(step.doneAt())));
            } else {
                box.addValueChangeListener(change -> {
                    if (Boolean.TRUE.equals(change.getValue()) && change.isFromClient()) {
                        check(list.incidentId(), step.id());
                    }
                });
            }
            add(new Div(box));
        }
    }

    private void check(UUID incidentId, String stepId) {
        UI ui = UI.getCurrent();
        data.checkStep(user, incidentId, stepId).subscribe(list -> ui.access(() -> show(list)),
                error -> ui.access(() -> load(incidentId)));
    }

    /** Each step in the user's language (the procedure holds both). */
    private boolean english() {
        return getLocale() != null && "en".equals(getLocale().getLanguage());
    }
}
