package kr.anshim.ui.alarm;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import kr.anshim.api.ConsoleTake;
import kr.anshim.api.Handover;
import kr.anshim.ui.security.AnshimUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Taking the console at the start of a shift: the backend's {@code console.take} for each of the
 * operator's wards. While a handover someone else left waits for this operator's acknowledgement,
 * it is shown here instead of the console (summary, note, acknowledge); once every ward is taken
 * the console opens. The backend records the shift and the acknowledgement.
 */
public class HandoverGate extends VerticalLayout {

    private final AlarmScreenData data;
    private final AnshimUser user;
    private final Runnable taken;

    public HandoverGate(AlarmScreenData data, AnshimUser user, Runnable taken) {
        this.data = data;
        this.user = user;
        this.taken = taken;
        setId("handover-gate");
        setMaxWidth("60rem");
        add(new Span(getTranslation("handover.taking")));
    }

    /** Asks for every ward in turn; stops at the first handover to acknowledge. */
    public void take() {
        UI ui = UI.getCurrent();
        List<String> wards = user.wards();
        Flux.fromIterable(wards).concatMap(ward -> data.take(user, ward), 1)
                .filter(answer -> !answer.taken()).next()
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .subscribe(blocked -> ui.access(() -> blocked.ifPresentOrElse(this::show, taken)),
                        error -> ui.access(() -> failed(error)));
    }

    private void show(ConsoleTake blocked) {
        removeAll();
        Handover handover = blocked.pending();
        add(new H2(getTranslation("handover.incoming.title", HandoverSummaryView.ward(handover.wardCode()))));
        Span from = new Span(getTranslation("handover.from", handover.outgoing(), AlarmTexts.kst(handover.createdAt())));
        from.setId("handover-from");
        Paragraph note = new Paragraph(handover.note());
        note.setId("handover-note");
        note.addClassName("anshim-handover-note");
        Button acknowledge = new Button(getTranslation("handover.acknowledge"));
        acknowledge.setId("handover-acknowledge");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        acknowledge.addClickListener(click -> {
            acknowledge.setEnabled(false);
            UI ui = UI.getCurrent();
            data.acknowledge(user, handover.id()).then(Mono.fromRunnable(() -> ui.access(this::take)))
                    .subscribe(null, error -> ui.access(() -> {
                        acknowledge.setEnabled(true);
                        failed(error);
                    }));
        });
        add(new Span(getTranslation("handover.blocked")), from, new Div(new Span(getTranslation("handover.note"))), note,
                new HandoverSummaryView(handover.summary()), acknowledge);
    }

    private void failed(Throwable error) {
        Span refusal = new Span(AlarmTexts.refusal(this, error));
        refusal.setId("handover-refused");
        add(refusal);
    }
}
