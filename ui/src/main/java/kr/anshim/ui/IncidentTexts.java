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
        badge.addClassNames("anshim-badge", "severity-" + incident.severity().name().toLowerCase());
        return badge;
    }

    /** The ward's name in the current UI's language (Korean where there is no UI, e.g. a log line). */
    public static String ward(String code) {
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        boolean english = ui != null && ui.getLocale() != null && "en".equals(ui.getLocale().getLanguage());
        return Wards.seoul().byCode(code).map(w -> english ? w.nameEn() : w.nameKo()).orElse(code);
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

    /** The ranking rules (backend/server/.../ranking/SeverityRanking.java); any other reason code is the signal's type. */
    public static final java.util.Set<String> RANKING_RULES = java.util.Set.of("PROTECTED_PERSON", "NIGHT", "REPETITION",
            "CORROBORATED", "SEVERAL_DOORS", "ESCALATED_TO_SUPERVISOR", "UNACKNOWLEDGED_AGE", "INACTIVE_DOOR_OPEN");

    /** One ranking reason, e.g. {@code "WRONG_CODES +50"}, as "비밀번호 반복 오류 +50". */
    public static String reason(Component context, String reason) {
        int space = reason.indexOf(' ');
        String code = space < 0 ? reason : reason.substring(0, space);
        String rest = space < 0 ? "" : reason.substring(space);
        String key = (RANKING_RULES.contains(code) ? "reason." : "signal.") + code;
        String text = context.getTranslation(key);
        return (text.equals(key) ? code : text) + rest;
    }

    public static java.util.List<String> reasons(Component context, IncidentView incident) {
        return incident.reasons().stream().map(r -> reason(context, r)).toList();
    }
}
