package kr.anshim.ui.alarm;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import kr.anshim.api.ShelveRequest;
import kr.anshim.api.ShelveResult;
import kr.anshim.api.Shelving;
import kr.anshim.ui.security.AnshimUser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shelves one incident or device: a reason is required, the time is chosen from steps up to the
 * maximum the backend allows (8 h unless configured otherwise). The backend decides; a refusal is
 * shown translated and the dialog stays open.
 */
class ShelveDialog extends Dialog {

    static final int LONGEST_REASON = 500;
    private static final List<Duration> STEPS = Stream.of(15, 30, 60, 120, 240, 480).map(Duration::ofMinutes).toList();

    private final TextArea reason = new TextArea();
    private final Select<Duration> time = new Select<>();
    private final Button confirm = new Button();

    ShelveDialog(AlarmScreenData data, AnshimUser user, ShelveRequest.Target target, String targetId, String what,
                 Shelving limits) {
        setId("shelve-dialog");
        setHeaderTitle(getTranslation("shelve.title"));
        setWidth("min(32rem, 95vw)");
        reason.setId("shelve-reason");
        reason.setLabel(getTranslation("shelve.reason"));
        reason.setRequired(true);
        reason.setMaxLength(LONGEST_REASON);
        reason.setWidthFull();
        reason.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        time.setId("shelve-time");
        time.setLabel(getTranslation("shelve.time", AlarmTexts.duration(this, limits.max())));
        List<Duration> choices = choices(limits.max());
        time.setItems(choices);
        time.setItemLabelGenerator(d -> AlarmTexts.duration(this, d));
        time.setValue(choices.get(Math.min(2, choices.size() - 1)));
        confirm.setId("shelve-confirm");
        confirm.setText(getTranslation("shelve.confirm"));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setEnabled(false);
        reason.addValueChangeListener(change -> confirm.setEnabled(!change.getValue().isBlank()));
        Span target2 = new Span(what);
        target2.setId("shelve-target");
        add(new VerticalLayout(target2, reason, time));
        Button cancel = new Button(getTranslation("shelve.cancel"), click -> close());
        getFooter().add(cancel, confirm);
        confirm.addClickListener(click -> {
            confirm.setEnabled(false);
            UI ui = UI.getCurrent();
            data.shelve(user, new ShelveRequest(target, targetId, reason.getValue().strip(), time.getValue().toSeconds()))
                    .subscribe(result -> ui.access(() -> answered(result)),
                            error -> ui.access(() -> refused(AlarmTexts.refusal(this, error))));
        });
    }

    /** The steps up to the maximum, and the maximum itself. */
    static List<Duration> choices(Duration max) {
        List<Duration> choices = new ArrayList<>(STEPS.stream().filter(step -> step.compareTo(max) < 0).toList());
        choices.add(max);
        return choices;
    }

    private void answered(ShelveResult result) {
        if (!result.accepted()) {
            refused(AlarmTexts.refusal(this, result.code()));
            return;
        }
        Notification done = Notification.show(getTranslation("shelve.done", AlarmTexts.kst(result.item().expiresAt())));
        done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        close();
    }

    private void refused(String text) {
        confirm.setEnabled(!reason.getValue().isBlank());
        Notification refusal = Notification.show(text, 6000, Notification.Position.MIDDLE);
        refusal.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
