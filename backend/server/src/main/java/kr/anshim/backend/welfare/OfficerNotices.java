package kr.anshim.backend.welfare;

import kr.anshim.api.Ward;
import kr.anshim.api.Wards;
import kr.anshim.backend.welfare.outbox.Channel;
import kr.anshim.backend.welfare.outbox.Notifier;
import kr.anshim.backend.welfare.outbox.Outbox;
import kr.anshim.backend.welfare.outbox.OutboxMessage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the officer's notification of an alert into the outbox, in the alert's transaction: by SMS
 * if an SMS adapter is configured and the officer has a phone, else by e-mail likewise, else to the
 * log. Korean first, English second, times in KST; no name or street (a message leaves the system),
 * only the household id and the 동. The message id is derived from the alert, so deciding the same
 * alert twice adds one message.
 */
@Component
class OfficerNotices {

    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));

    private final Outbox outbox;
    private final DatabaseClient db;
    private final Set<Channel> channels = EnumSet.noneOf(Channel.class);

    OfficerNotices(Outbox outbox, DatabaseClient db, List<Notifier> notifiers) {
        this.outbox = outbox;
        this.db = db;
        notifiers.forEach(n -> channels.add(n.channel()));
    }

    /** The officer's notice of an inactivity lapse (level 1: threshold passed; 2: still unanswered a day later). */
    Mono<Void> inactivity(Enrolment person, UUID incidentId, int level, Instant since, Instant now) {
        String ward = wardName(person.wardCode());
        String subject = level == 1 ? "[안심] 똑똑문안 알림 / Inactivity alert" : "[안심] 똑똑문안 미응답 격상 / Inactivity alert escalated";
        String body = level == 1
                ? "%s %s %s: %d일 이상 활동 없음(마지막 활동 %s). 확인 후 결과를 입력해 주세요. / No activity for %d days or more (last %s KST); please check and record the outcome."
                .formatted(ward, person.dong(), person.householdId(), person.thresholdDays(), KST.format(since),
                        person.thresholdDays(), KST.format(since))
                : "%s %s %s: 알림 후 하루가 지나도록 결과 미입력, 격상됨. / Still no outcome a day after the alert; escalated."
                .formatted(ward, person.dong(), person.householdId());
        return to(person.officer(), "inactivity:" + incidentId + ":" + level, subject, body, incidentId, now);
    }

    /** The ward's officers' notice that a visit is overdue or a team pressed panic. */
    Mono<Void> visit(String officer, String wardCode, UUID visitId, UUID incidentId, String what, Instant now) {
        String subject = "[안심] 방문 안전 알림 / Visiting team alert";
        String body = "%s: 방문팀 %s (%s). / Visiting team %s (%s).".formatted(wardName(wardCode), what, visitId, what, visitId);
        return to(officer, "visit:" + visitId + ":" + what, subject, body, incidentId, now);
    }

    private Mono<Void> to(String officer, String key, String subject, String body, UUID incidentId, Instant now) {
        return db.sql("select phone, email from welfare_officer_contact where username = $1").bind(0, officer)
                .map(row -> new String[]{row.get("phone", String.class), row.get("email", String.class)})
                .one()
                .defaultIfEmpty(new String[]{null, null})
                .flatMap(contact -> {
                    Channel channel;
                    String recipient;
                    if (contact[0] != null && channels.contains(Channel.SMS)) {
                        channel = Channel.SMS;
                        recipient = contact[0];
                    } else if (contact[1] != null && channels.contains(Channel.EMAIL)) {
                        channel = Channel.EMAIL;
                        recipient = contact[1];
                    } else {
                        channel = Channel.LOG;
                        recipient = officer;
                    }
                    UUID id = UUID.nameUUIDFromBytes((key + ":" + channel).getBytes(StandardCharsets.UTF_8));
                    return outbox.enqueue(new OutboxMessage(id, now, channel, recipient, subject, body, incidentId, 0));
                });
    }

    private static String wardName(String code) {
        return Wards.seoul().byCode(code).map(Ward::nameKo).orElse(code);
    }
}
