package kr.anshim.ui.alarm;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import kr.anshim.api.HandoverRequest;
import kr.anshim.ui.security.AnshimUser;

/**
 * The outgoing operator's end of shift: the backend generates the ward's summary, the operator adds
 * a note (required, at most {@value #LONGEST_NOTE} characters) and hands over; the shift ends and the
 * next operator must acknowledge it before taking the console.
 */
public class HandoverDialog extends Dialog {

    static final int LONGEST_NOTE = 2_000;

    private final AlarmScreenData data;
    private final AnshimUser user;
    private final Div summary = new Div();
    private final TextArea note = new TextArea();
    private final Button submit = new Button();

    public HandoverDialog(AlarmScreenData data, AnshimUser user, Runnable handedOver) {
        this.data = data;
        this.user = user;
        setId("handover-dialog");
        setHeaderTitle(getTranslation("handover.outgoing.title"));
        setWidth("min(56rem, 95vw)");
        Select<String> ward = new Select<>();
        ward.setId("handover-ward");
        ward.setLabel(getTranslation("queue.ward"));
        ward.setItems(user.wards());
        ward.setItemLabelGenerator(HandoverSummaryView::ward);
        ward.setVisible(user.wards().size() > 1);
        summary.setId("handover-summary");
        note.setId("handover-note-input");
        note.setLabel(getTranslation("handover.note"));
        note.setRequired(true);
        note.setMaxLength(LONGEST_NOTE);
        note.setWidthFull();
        note.setMinHeight("8rem");
        note.setValueChangeMode(ValueChangeMode.EAGER);
        submit.setId("handover-submit");
        submit.setText(getTranslation("handover.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setEnabled(false);
        note.addValueChangeListener(change -> submit.setEnabled(!change.getValue().isBlank() && ward.getValue() != null));
        ward.addValueChangeListener(change -> load(change.getValue()));
        submit.addClickListener(click -> {
            submit.setEnabled(false);
            UI ui = UI.getCurrent();
            data.handOver(user, new HandoverRequest(ward.getValue(), note.getValue().strip()))
                    .subscribe(handover -> ui.access(() -> {
                        Notification.show(getTranslation("handover.submitted", AlarmTexts.kst(handover.createdAt())))
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        close();
                        handedOver.run();
                    }), error -> ui.access(() -> {
                        submit.setEnabled(true);
                        Notification.show(AlarmTexts.refusal(this, error)).addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }));
        });
        add(ward, summary, note);
        getFooter().add(new Button(getTranslation("shelve.cancel"), click -> close()), submit);
        if (!user.wards().isEmpty()) {
            ward.setValue(user.wards().get(0));
        }
    }

    private void load(String ward) {
        summary.removeAll();
        if (ward == null) {
            return;
        }
        UI ui = UI.getCurrent();
        data.handoverSummary(user, ward).subscribe(generated -> ui.access(() -> {
            summary.removeAll();
            summary.add(new HandoverSummaryView(generated));
        }), error -> ui.access(() -> summary.add(new com.vaadin.flow.component.html.Span(AlarmTexts.refusal(this, error)))));
    }
}
