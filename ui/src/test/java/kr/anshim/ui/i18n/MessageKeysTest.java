package kr.anshim.ui.i18n;

import kr.anshim.api.IncidentStatus;
import kr.anshim.api.Severity;
import kr.anshim.api.IncidentKind;
import kr.anshim.api.Call112Status;
import kr.anshim.api.CallbackStatus;
import kr.anshim.api.Outcome;
import kr.anshim.api.DeviceFamily;
import kr.anshim.api.ResponderKind;
import kr.anshim.api.SignalType;
import kr.anshim.ui.IncidentTexts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Korean first, English second, and nothing raw: both message files hold the same keys, and every
 * code the screens show has a key in both. The contract's enums (backend/api) are read directly; the
 * few codes that are still strings on the wire are listed here with their source.
 */
class MessageKeysTest {

    /** kr.anshim.api.ResponderView#status */
    static final List<String> RESPONDER_STATUSES = List.of("AVAILABLE", "DISPATCHED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY");
    /** the audit trail's kinds (backend/server/.../incident/IncidentLifecycle.java, Transition.java) */
    static final List<String> TRANSITION_KINDS = List.of("STATUS", "DISPATCH", "NOTE", "CALL_112", "CALLBACK", "REOPEN");
    static final List<String> ROLES = List.of("OPERATOR", "POLICE_LIAISON", "SUPERVISOR", "ADMIN", "OFFICER");
    /** backend/server/.../welfare/Visit.java (Status) */
    /** the alarm-management refusal codes (backend/server/.../alarm: AlarmRefusal's codes, kr.anshim.api.Shelving) */
    static final List<String> ALARM_REFUSALS = List.of("already-shelved", "critical", "duration", "handover-pending", "no-step",
            "no-wards", "not-found", "not-shelved", "note-required", "own-handover", "period", "period-too-long", "procedure-kind",
            "procedure-protection", "procedure-step-id", "procedure-step-text", "procedure-steps", "protected", "reason-required",
            "reason-too-long", "role", "supervisors-only", "target-required", "too-long");
    static final List<String> VISIT_STATUSES = List.of("OUT", "OVERDUE", "OVERDUE_POLICE", "PANIC", "CHECKED_IN");

    @Test
    void both_files_have_the_same_keys() throws IOException {
        Set<String> korean = load("messages_ko.properties").stringPropertyNames();
        Set<String> english = load("messages_en.properties").stringPropertyNames();
        assertThat(difference(korean, english)).as("in Korean, missing in English").isEmpty();
        assertThat(difference(english, korean)).as("in English, missing in Korean").isEmpty();
    }

    @Test
    void every_code_a_screen_shows_has_a_text_in_both_languages() throws IOException {
        List<String> needed = needed();
        for (String file : List.of("messages_ko.properties", "messages_en.properties")) {
            Properties messages = load(file);
            assertThat(needed.stream().filter(key -> messages.getProperty(key, "").isBlank()).toList())
                    .as("codes without a text in " + file).isEmpty();
        }
    }

    @Test
    void a_missing_text_is_caught() throws IOException {
        // the positive control: the check above does find a gap when there is one
        Properties korean = load("messages_ko.properties");
        korean.remove("signal.WRONG_CODES");
        assertThat(needed().stream().filter(key -> korean.getProperty(key, "").isBlank()).toList())
                .containsExactly("signal.WRONG_CODES");
        assertThat(difference(korean.stringPropertyNames(), load("messages_en.properties").stringPropertyNames())).isEmpty();
        assertThat(difference(load("messages_en.properties").stringPropertyNames(), korean.stringPropertyNames()))
                .containsExactly("signal.WRONG_CODES");
    }

    /**
     * A label written into the code ("사용자 · Users") shows both languages, or Korean in English mode:
     * every Korean text a screen shows comes from the bundles. Only the map's source attribution
     * (a licence requirement, quoted as its publisher wrote it) is exempt.
     */
    @Test
    void no_screen_writes_korean_text_into_its_code() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                koreanLiterals(Files.readString(file)).forEach(literal -> found.add(file.getFileName() + ": " + literal));
            }
        }
        assertThat(found).isNotEmpty().allMatch(line -> line.startsWith("WardMap.java: \"출처:"));
    }

    @Test
    void a_korean_literal_is_caught_and_a_korean_comment_is_not() {
        String code = """
                /** 사용자 목록 */
                class X { // 관리
                    String header = "사용자 · Users";
                    String key = getTranslation("admin.users");
                    /* 기기 */ String mixed = "n" + "건";
                }
                """;
        assertThat(koreanLiterals(code)).containsExactly("\"사용자 · Users\"", "\"건\"");
    }

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

    /** The string literals holding Hangul, comments left out (text blocks count as literals too). */
    static List<String> koreanLiterals(String source) {
        String code = COMMENT.matcher(source.replace("\"\"\"", "\"")).replaceAll(" ");
        return LITERAL.matcher(code).results().map(MatchResult::group).filter(l -> HANGUL.matcher(l).find()).toList();
    }

    static List<String> needed() {
        List<String> keys = new ArrayList<>();
        Arrays.stream(SignalType.values()).forEach(v -> keys.add("signal." + v.name()));
        Arrays.stream(DeviceFamily.values()).forEach(v -> keys.add("family." + v.name()));
        Arrays.stream(ResponderKind.values()).forEach(v -> keys.add("responder." + v.name()));
        Arrays.stream(Severity.values()).forEach(v -> keys.add("severity." + v.name()));
        Arrays.stream(IncidentStatus.values()).forEach(v -> keys.add("status." + v.name()));
        Arrays.stream(IncidentKind.values()).forEach(v -> keys.add("kind." + v.name()));
        Arrays.stream(Call112Status.values()).forEach(v -> keys.add("call112." + v.name()));
        Arrays.stream(CallbackStatus.values()).forEach(v -> keys.add("callback." + v.name()));
        Arrays.stream(Outcome.values()).forEach(v -> keys.add("outcome." + v.name()));
        RESPONDER_STATUSES.forEach(v -> keys.add("responderStatus." + v));
        TRANSITION_KINDS.forEach(v -> keys.add("timeline." + v));
        ROLES.forEach(v -> keys.add("role." + v));
        IncidentTexts.RANKING_RULES.forEach(v -> keys.add("reason." + v));
        // the console's own choices (issue 11: 5, 9): dispatch bases, queue sorts and groupings
        List.of("ALARM", "RESIDENT_REQUEST", "CRIME_RISK_CONFIRMED").forEach(v -> {
            keys.add("dispatch.basis." + v);
            keys.add("dispatch.basis.short." + v);
        });
        List.of("RANK", "AGE", "SEVERITY").forEach(v -> keys.add("queue.sort." + v));
        List.of("NONE", "HOUSEHOLD", "BUILDING").forEach(v -> keys.add("queue.group." + v));
        List.of("household", "building", "incident").forEach(v -> keys.add("queue.group.label." + v));
        Arrays.stream(kr.anshim.api.welfare.WelfareOutcome.values()).forEach(v -> keys.add("outcome." + v.name()));
        VISIT_STATUSES.forEach(v -> keys.add("visitStatus." + v));
        ALARM_REFUSALS.forEach(v -> keys.add("alarm.refused." + v));
        Arrays.stream(kr.anshim.api.AdminRefusal.values()).forEach(v -> keys.add("admin.refused." + v.name()));
        List.of("PENDING", "APPROVED", "WITHDRAWN").forEach(v -> keys.add("access.grants.state." + v));
        Arrays.stream(kr.anshim.api.ShelveRequest.Target.values()).forEach(v -> keys.add("shelve.target." + v.name()));
        kr.anshim.ui.alarm.ProcedureEditor.PROTECTIONS.forEach(v -> keys.add("procedure.protection." + v));
        // issue 13: a door camera's snapshot refusals and what an access-log row says was read
        Arrays.stream(kr.anshim.api.SnapshotRefusal.values()).forEach(v -> keys.add("snapshot.refused." + v.name()));
        List.of(kr.anshim.api.ProtectedAccess.RECORD, kr.anshim.api.ProtectedAccess.SNAPSHOT, kr.anshim.api.ProtectedAccess.EXPORT)
                .forEach(v -> keys.add("access.what." + v));
        return keys;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> only = new TreeSet<>(a);
        only.removeAll(b);
        return only;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageKeysTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
