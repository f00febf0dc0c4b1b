package kr.anshim.backend.alarm;

import kr.anshim.api.AlarmAuditEntry;
import kr.anshim.api.ConsoleTake;
import kr.anshim.api.Handover;
import kr.anshim.api.HandoverRequest;
import kr.anshim.api.HandoverSummary;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shift handover between two Mapo operators: the outgoing one's generated summary and note block
 * the incoming one from taking the console until they acknowledge it; the supervisor sees it pending.
 */
@BackendIT
class HandoverIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String MAPO = "11440";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    DatabaseClient db;

    @Test
    void a_handover_blocks_the_incoming_operator_until_they_acknowledge_it() {
        RSocketRequester admin = TestConnections.signedIn(strategies, port, "admin", "anshim-demo");
        admin.route(Routes.ADMIN_SAVE_USER).data(new UserAccount("op.mapo.night", "마포구 야간 관제요원", "OPERATOR",
                List.of(MAPO), true, "handover-secret-123")).retrieveMono(UserAccount.class).block(WAIT);
        admin.dispose();
        RSocketRequester outgoing = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        RSocketRequester incoming = TestConnections.signedIn(strategies, port, "op.mapo.night", "handover-secret-123");
        RSocketRequester supervisor = TestConnections.ui(strategies, port);
        try {
            assertThat(take(outgoing).taken()).isTrue();
            Long open = db.sql("select count(*) from incident where ward_code = $1 and status not in ('RESOLVED', 'FALSE_ALARM', 'CANCELLED')")
                    .bind(0, MAPO).map(row -> row.get(0, Long.class)).one().block(WAIT);
            HandoverSummary summary = outgoing.route(Routes.HANDOVER_SUMMARY).data(MAPO).retrieveMono(HandoverSummary.class).block(WAIT);
            assertThat(summary.wardCode()).isEqualTo(MAPO);
            // incidents may open in between (device supervision runs), never close by themselves
            assertThat((long) summary.open().size()).as("every open Mapo incident is in the summary").isGreaterThanOrEqualTo(open);

            Handover handover = outgoing.route(Routes.HANDOVER_SUBMIT).data(new HandoverRequest(MAPO, "현관 카메라 H-0007 점검 요청함"))
                    .retrieveMono(Handover.class).block(WAIT);
            assertThat(handover.pending()).isTrue();
            assertThat(handover.summary().open().size()).isGreaterThanOrEqualTo(summary.open().size());

            ConsoleTake blocked = take(incoming);
            assertThat(blocked.taken()).isFalse();
            assertThat(blocked.code()).isEqualTo("alarm.refused.handover-pending");
            assertThat(blocked.pending().id()).isEqualTo(handover.id());
            assertThat(blocked.pending().note()).isEqualTo("현관 카메라 H-0007 점검 요청함");
            assertThat(pending(supervisor)).extracting(Handover::id).contains(handover.id());
            assertThatThrownBy(() -> outgoing.route(Routes.HANDOVER_ACKNOWLEDGE).data(handover.id().toString())
                    .retrieveMono(Handover.class).block(WAIT)).hasMessageContaining("alarm.refused.own-handover");

            Handover acknowledged = incoming.route(Routes.HANDOVER_ACKNOWLEDGE).data(handover.id().toString())
                    .retrieveMono(Handover.class).block(WAIT);
            assertThat(acknowledged.acknowledgedBy()).isEqualTo("op.mapo.night");
            assertThat(acknowledged.acknowledgedAt()).isNotNull();

            assertThat(take(incoming).taken()).isTrue();
            assertThat(pending(supervisor)).extracting(Handover::id).doesNotContain(handover.id());
            assertThat(db.sql("select username, ended_at is null as open from console_shift where ward_code = $1 order by started_at")
                    .bind(0, MAPO).map(row -> row.get("username", String.class) + (Boolean.TRUE.equals(row.get("open", Boolean.class)) ? " on" : " off"))
                    .all().collectList().block(WAIT)).containsSubsequence("op.mapo off", "op.mapo.night on");
            assertThat(supervisor.route(Routes.ALARM_AUDIT).retrieveFlux(AlarmAuditEntry.class).collectList().block(WAIT))
                    .filteredOn(e -> e.action().startsWith("HANDOVER_") && handover.id().toString().equals(e.target()))
                    .extracting(e -> e.action() + " by " + e.actor())
                    .containsExactly("HANDOVER_ACKNOWLEDGED by op.mapo.night", "HANDOVER_SUBMITTED by op.mapo");
        } finally {
            outgoing.dispose();
            incoming.dispose();
            supervisor.dispose();
        }
    }

    private static ConsoleTake take(RSocketRequester requester) {
        return requester.route(Routes.CONSOLE_TAKE).data(MAPO).retrieveMono(ConsoleTake.class).block(WAIT);
    }

    private static List<Handover> pending(RSocketRequester supervisor) {
        return supervisor.route(Routes.HANDOVERS_PENDING).retrieveFlux(Handover.class).collectList().block(WAIT);
    }
}
