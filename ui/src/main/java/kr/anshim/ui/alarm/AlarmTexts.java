package kr.anshim.ui.alarm;

import com.vaadin.flow.component.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alarm management's texts: the backend's refusal codes ({@code alarm.refused.*}, carried in a
 * ShelveResult or at the head of an error's message) in the user's language, and times in Seoul.
 */
public final class AlarmTexts {

    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    public static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(SEOUL);
    private static final Pattern CODE = Pattern.compile("(alarm\\.refused\\.[a-z0-9-]+)");

    private AlarmTexts() {
    }

    /** A refusal code, or an error whose message carries one, translated; a generic refusal otherwise. */
    public static String refusal(Component context, String codeOrMessage) {
        if (codeOrMessage != null) {
            Matcher code = CODE.matcher(codeOrMessage);
            if (code.find()) {
                String text = context.getTranslation(code.group(1));
                if (!text.equals(code.group(1))) {
                    return text;
                }
            }
        }
        return context.getTranslation("refusal.other");
    }

    public static String refusal(Component context, Throwable error) {
        return refusal(context, error == null ? null : error.getMessage());
    }

    /** What is shelved, as people read it: "사건 5c944ce3" (an incident's id shortened) or "기기 DC-11440-0002". */
    public static String target(Component context, kr.anshim.api.ShelvedItem item) {
        String id = item.target() == kr.anshim.api.ShelveRequest.Target.INCIDENT && item.targetId().length() > 8
                ? item.targetId().substring(0, 8) : item.targetId();
        return context.getTranslation("shelve.target." + item.target()) + " " + id;
    }

    /** Seoul time with the zone named, e.g. "12-01 23:40 KST". */
    public static String kst(Instant at) {
        return at == null ? "" : KST.format(at) + " KST";
    }

    /** A duration as the console says it: "2시간 30분" / "2 h 30 min". */
    public static String duration(Component context, Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 60) {
            return context.getTranslation("shelve.minutes", minutes);
        }
        return minutes % 60 == 0 ? context.getTranslation("shelve.hours.whole", minutes / 60)
                : context.getTranslation("shelve.hours", minutes / 60, minutes % 60);
    }
}
