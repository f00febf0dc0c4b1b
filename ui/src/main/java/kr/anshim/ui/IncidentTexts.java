package kr.anshim.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import kr.anshim.api.IncidentView;
import kr.anshim.api.Wards;

import java.time.Duration;
import java.time.Instant;

/** How an incident reads on every screen, in the user's language. */
public final class IncidentTexts {

    private IncidentTexts() {
    }

    public static Span severityBadge(Component context, IncidentView incident) {
        Span badge = new Span(context.getTranslation("severity." + incident.severity()));
        badge.addClassNames("anshim-badge", "severity-" + incident.severity().toLowerCase());
        return badge;
    }

    public static String ward(String code) {
        return Wards.seoul().byCode(code).map(w -> w.nameKo()).orElse(code);
    }

    public static String age(Instant openedAt, Instant now) {
        Duration age = Duration.between(openedAt, now);
        if (age.isNegative()) {
            return "0:00";
        }
        long minutes = age.toMinutes();
        return minutes >= 60 ? "%d:%02d:%02d".formatted(minutes / 60, minutes % 60, age.toSecondsPart())
                : "%d:%02d".formatted(minutes, age.toSecondsPart());
    }

    public static String why(IncidentView incident) {
        return String.join(", ", incident.reasons());
    }
}
