package kr.anshim.ui.console;

import com.vaadin.flow.component.Component;

import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend's refusals (CommandResult.error, English, written for logs) in the user's language.
 * The texts come from backend/server/.../incident/IncidentLifecycle.java and
 * .../operations/IncidentCommands.java, BulkAcknowledgement.java and .../pipeline/CommandApplication.java; one that is not known here reads as a generic refusal, with
 * the backend's text kept in the server log, never shown raw.
 */
public final class Refusals {

    private record Rule(Pattern pattern, BiFunction<Component, Matcher, String> text) {
    }

    private static final List<Rule> RULES = List.of(
            rule("^cannot go from (\\w+) to (\\w+);.*", (c, m) -> c.getTranslation("refusal.status",
                    c.getTranslation("status." + m.group(1)), c.getTranslation("status." + m.group(2)))),
            rule("^112 hand-off cannot go from (\\w+) to (\\w+)", (c, m) -> c.getTranslation("refusal.call112",
                    c.getTranslation("call112." + m.group(1)), c.getTranslation("call112." + m.group(2)))),
            rule("^call-back cannot go from (\\w+) to (\\w+)", (c, m) -> c.getTranslation("refusal.callback",
                    c.getTranslation("callback." + m.group(1)), c.getTranslation("callback." + m.group(2)))),
            rule("^a note needs text", (c, m) -> c.getTranslation("refusal.note.empty")),
            rule("^a note may have at most.*", (c, m) -> c.getTranslation("refusal.note.long")),
            rule("^(missing|unknown) outcome.*", (c, m) -> c.getTranslation("refusal.outcome")),
            rule("^a dispatch names the responder.*", (c, m) -> c.getTranslation("refusal.responder")),
            rule("^a dispatch says whether the resident requested it.*", (c, m) -> c.getTranslation("refusal.dispatch.basis")),
            rule("^an alarm-triggered dispatch needs a device alarm.*", (c, m) -> c.getTranslation("refusal.dispatch.alarm")),
            rule("^a critical incident is acknowledged in bulk only when selected.*", (c, m) -> c.getTranslation("refusal.bulk.critical")),
            rule(".*at most \\d+ incidents may be acknowledged at once.*", (c, m) -> c.getTranslation("refusal.bulk.too_many")),
            rule("^your role \\((\\w+)\\) may not (\\w+)", (c, m) -> c.getTranslation("refusal.role",
                    c.getTranslation("role." + m.group(1)))),
            rule("^reopening needs a reason", (c, m) -> c.getTranslation("refusal.reopen.reason")),
            rule("^only a resolved or false-alarm incident may be reopened", (c, m) -> c.getTranslation("refusal.reopen.not_closed")),
            rule("^the grace period for reopening is over", (c, m) -> c.getTranslation("refusal.reopen.too_late")),
            rule("^its household has another open incident", (c, m) -> c.getTranslation("refusal.reopen.household")),
            rule("^no incident .* in your wards", (c, m) -> c.getTranslation("refusal.not_found")),
            rule("^not stored, try again.*", (c, m) -> c.getTranslation("refusal.retry")));

    private Refusals() {
    }

    private static Rule rule(String regex, BiFunction<Component, Matcher, String> text) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), text);
    }

    /** The refusal in the context's language; a generic one for a text not known here. */
    public static String translate(Component context, String error) {
        if (error != null) {
            for (Rule rule : RULES) {
                Matcher matcher = rule.pattern().matcher(error.strip());
                if (matcher.find()) {
                    return rule.text().apply(context, matcher);
                }
            }
        }
        return context.getTranslation("refusal.other");
    }
}
