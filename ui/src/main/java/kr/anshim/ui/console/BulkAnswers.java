package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import kr.anshim.api.BulkAcknowledge;

import java.util.List;

/** What a bulk acknowledgement did, in one notification: how many were acknowledged, how many refused and why. */
final class BulkAnswers {

    private BulkAnswers() {
    }

    static String summary(Component c, List<BulkAcknowledge.Answer> answers) {
        long accepted = answers.stream().filter(a -> a.result().accepted()).count();
        List<String> refusals = answers.stream().filter(a -> !a.result().accepted())
                .map(a -> Refusals.translate(c, a.result().error())).distinct().toList();
        String text = c.getTranslation("bulk.done", accepted, answers.size() - accepted);
        return refusals.isEmpty() ? text : text + " · " + String.join(" · ", refusals);
    }

    static void show(Component c, List<BulkAcknowledge.Answer> answers) {
        Notification shown = Notification.show(summary(c, answers), 6000, Notification.Position.TOP_CENTER);
        shown.setId("bulk-result");
        if (answers.stream().anyMatch(a -> !a.result().accepted())) {
            shown.addThemeVariants(NotificationVariant.LUMO_WARNING);
        } else {
            shown.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    static void failed(Component c, Throwable error) {
        Notification shown = Notification.show(c.getTranslation("action.refused") + ": " + c.getTranslation("refusal.unavailable"),
                6000, Notification.Position.TOP_CENTER);
        shown.setId("bulk-result");
        shown.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
