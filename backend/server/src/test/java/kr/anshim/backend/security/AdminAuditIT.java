package kr.anshim.backend.security;

import kr.anshim.api.AdminAuditEntry;
import kr.anshim.api.LoginResult;
import kr.anshim.api.RoleGrant;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.backend.BackendIT;
import kr.anshim.backend.TestConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An admin cannot make itself (or anyone) a supervisor or admin alone: the grant waits for a
 * different supervisor. Privilege changes are written to an append-only audit trail that
 * supervisors read.
 */
@BackendIT
class AdminAuditIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "audit-secret-123";

    @LocalRSocketServerPort
    int port;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    kr.anshim.backend.storage.ScreenDatabase screens;

    RSocketRequester admin;
    RSocketRequester supervisor;

    @BeforeEach
    void connect() {
        admin = TestConnections.signedIn(strategies, port, "admin", "anshim-demo");
        supervisor = TestConnections.signedIn(strategies, port, "supervisor", "anshim-demo");
    }

    @AfterEach
    void disconnect() {
        admin.dispose();
        supervisor.dispose();
    }

    @Test
    void a_supervisor_grant_waits_for_a_different_supervisor() {
        String name = "sup." + UUID.randomUUID().toString().substring(0, 8);
        admin.route(Routes.ADMIN_SAVE_USER).data(new UserAccount(name, "새 책임자", "SUPERVISOR", List.of(), true, PASSWORD))
                .retrieveMono(UserAccount.class).block(WAIT);

        assertThat(TestConnections.login(strategies, port, name, PASSWORD).ok()).as("pending: cannot sign in yet").isFalse();
        RoleGrant grant = pending(name, "SUPERVISOR");
        assertThat(grant.requestedBy()).isEqualTo("admin");
        refused(admin.route(Routes.ADMIN_APPROVE_GRANT).data(grant.id()).retrieveMono(RoleGrant.class), "supervisor");

        RoleGrant approved = supervisor.route(Routes.ADMIN_APPROVE_GRANT).data(grant.id()).retrieveMono(RoleGrant.class).block(WAIT);
        assertThat(approved.state()).isEqualTo("APPROVED");
        assertThat(approved.decidedBy()).isEqualTo("supervisor");
        LoginResult signedIn = TestConnections.login(strategies, port, name, PASSWORD);
        assertThat(signedIn.ok()).isTrue();
        assertThat(signedIn.role()).isEqualTo("SUPERVISOR");

        // the same person may not approve a grant for themselves
        admin.route(Routes.ADMIN_SAVE_USER).data(new UserAccount(name, "새 책임자", "ADMIN", List.of(), true, null))
                .retrieveMono(UserAccount.class).block(WAIT);
        RoleGrant toAdmin = pending(name, "ADMIN");
        RSocketRequester self = TestConnections.connect(strategies, port,
                kr.anshim.api.ConnectionCredentials.user(name, signedIn.token()));
        refused(self.route(Routes.ADMIN_APPROVE_GRANT).data(toAdmin.id()).retrieveMono(RoleGrant.class), "own");
        assertThat(TestConnections.login(strategies, port, name, PASSWORD).role()).as("still only a supervisor").isEqualTo("SUPERVISOR");
        self.dispose();

        List<AdminAuditEntry> trail = supervisor.route(Routes.ADMIN_AUDIT).retrieveFlux(AdminAuditEntry.class).collectList().block(WAIT);
        assertThat(trail).filteredOn(e -> e.subject().equals(name)).extracting(AdminAuditEntry::actor, AdminAuditEntry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("admin", "ROLE_GRANT_REQUESTED"),
                        org.assertj.core.groups.Tuple.tuple("supervisor", "ROLE_GRANT_APPROVED"));
    }

    @Test
    void password_resets_and_deactivation_are_audited_in_an_append_only_trail() {
        String name = "op.aud-" + UUID.randomUUID().toString().substring(0, 8);
        save(new UserAccount(name, "감사 시험", "OPERATOR", List.of("11440"), true, PASSWORD));
        save(new UserAccount(name, "감사 시험", "OPERATOR", List.of("11440"), true, "another-secret-1"));
        save(new UserAccount(name, "감사 시험", "OPERATOR", List.of("11440"), false, null));
        save(new UserAccount(name, "감사 시험", "OPERATOR", List.of("11440"), true, null));

        List<AdminAuditEntry> trail = supervisor.route(Routes.ADMIN_AUDIT).retrieveFlux(AdminAuditEntry.class).collectList().block(WAIT);
        assertThat(trail).filteredOn(e -> e.subject().equals(name)).extracting(AdminAuditEntry::action)
                .contains("USER_CREATED", "PASSWORD_RESET", "USER_DEACTIVATED", "USER_REACTIVATED");
        assertThat(trail).filteredOn(e -> e.subject().equals(name)).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.at()).isNotNull();
        });
        RSocketRequester operator = TestConnections.signedIn(strategies, port, "op.mapo", "anshim-demo");
        refused(operator.route(Routes.ADMIN_AUDIT).retrieveFlux(AdminAuditEntry.class).then(), "supervisor");
        operator.dispose();

        var db = screens.client();
        long before = db.sql("select count(*) as n from admin_audit").map(r -> r.get("n", Long.class)).one().block(WAIT);
        assertThatThrownBy(() -> db.sql("update admin_audit set actor = 'nobody'").then().block(WAIT)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("delete from admin_audit").then().block(WAIT)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("truncate admin_audit").then().block(WAIT)).hasMessageContaining("append-only");
        db.sql("insert into admin_audit (at, actor, action, subject) values (now(), 'test', 'TEST', 'test')").then().block(WAIT);
        long after = db.sql("select count(*) as n from admin_audit").map(r -> r.get("n", Long.class)).one().block(WAIT);
        assertThat(after).as("appending works, nothing was removed").isEqualTo(before + 1);
    }

    private RoleGrant pending(String name, String role) {
        List<RoleGrant> grants = supervisor.route(Routes.ADMIN_GRANTS).retrieveFlux(RoleGrant.class).collectList().block(WAIT);
        return grants.stream().filter(g -> g.username().equals(name) && g.role().equals(role) && g.state().equals("PENDING"))
                .findFirst().orElseThrow(() -> new AssertionError("no pending " + role + " grant for " + name + " in " + grants));
    }

    private void save(UserAccount account) {
        admin.route(Routes.ADMIN_SAVE_USER).data(account).retrieveMono(UserAccount.class).block(WAIT);
    }

    private static void refused(reactor.core.publisher.Mono<?> request, String message) {
        StepVerifier.create(request).expectErrorSatisfies(e -> assertThat(e).hasMessageContaining(message)).verify(WAIT);
    }
}
