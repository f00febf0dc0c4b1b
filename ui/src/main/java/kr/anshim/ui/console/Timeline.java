package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;
import kr.anshim.api.TransitionView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One audit trail entry as the operator reads it, in their language and in KST: the kinds and
 * states are codes on the wire; the backend's own notes (backend/server/.../incident/Correlator.java
 * and IncidentLifecycle.java) are recognised and translated, an operator's note is shown as written.
 */
public final class Timeline {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(SEOUL);

    private static final Pattern OPENED = Pattern.compile("^(opened|reopened) by (\\w+) from (\\S+)$");
    private static final Pattern PROWLER = Pattern.compile("^prowler: loitering at (\\d+) doors$");
    private static final Pattern OUTCOME = Pattern.compile("^outcome (\\w+)(?:; (.*))?$", Pattern.DOTALL);
    private static final Pattern DISPATCH = Pattern.compile(
            "^(ALARM|RESIDENT_REQUEST)(, crime risk confirmed)?(?:, fee (\\d+) won|, free)(?:; (.*))?$", Pattern.DOTALL);

    private Timeline() {
    }

    public static String line(Component c, TransitionView t) {
        StringBuilder line = new StringBuilder(TIME.format(t.at())).append(" · ")
                .append("system".equals(t.actor()) ? c.getTranslation("timeline.actor.system") : t.actor()).append(" · ")
                .append(c.getTranslation("timeline." + t.kind()));
        String prefix = switch (t.kind()) {
            case "STATUS", "REOPEN" -> "status.";
            case "CALL_112" -> "call112.";
            case "CALLBACK" -> "callback.";
            default -> null;
        };
        if (t.to() != null) {
            line.append(" → ").append(prefix == null ? t.to() : c.getTranslation(prefix + t.to()));
        }
        if ("REOPEN".equals(t.kind()) && t.from() != null) {
            line.append(" · ").append(c.getTranslation("timeline.note.reopened_from", c.getTranslation("status." + t.from())));
        }
        String note = note(c, t);
        if (note != null) {
            line.append(" · ").append(note);
        }
        return line.toString();
    }

    private static String note(Component c, TransitionView t) {
        String note = t.note();
        if (note == null || note.isBlank()) {
            return null;
        }
        Matcher m = OPENED.matcher(note);
        if (m.matches()) {
            return c.getTranslation("timeline.note." + m.group(1), c.getTranslation("signal." + m.group(2)), m.group(3));
        }
        m = PROWLER.matcher(note);
        if (m.matches()) {
            return c.getTranslation("timeline.note.prowler", m.group(1));
        }
        if ("STATUS".equals(t.kind())) {
            m = OUTCOME.matcher(note);
            if (m.matches()) {
                String outcome = c.getTranslation("timeline.note.outcome", c.getTranslation("outcome." + m.group(1)));
                return m.group(2) == null ? outcome : outcome + " · " + m.group(2);
            }
        }
        if ("DISPATCH".equals(t.kind())) {
            m = DISPATCH.matcher(note);
            if (m.matches()) {
                String text = c.getTranslation("timeline.note.trigger." + m.group(1))
                        + (m.group(2) != null ? ", " + c.getTranslation("timeline.note.crime_risk") : "")
                        + ", " + (m.group(3) != null ? c.getTranslation("timeline.note.fee", Integer.parseInt(m.group(3))) : c.getTranslation("timeline.note.free"));
                return m.group(4) == null ? text : text + " · " + m.group(4);
            }
        }
        return note;
    }
}
