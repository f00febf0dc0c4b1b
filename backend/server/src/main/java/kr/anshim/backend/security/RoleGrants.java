package kr.anshim.backend.security;

import kr.anshim.api.AdminRefusal;
import kr.anshim.api.RoleGrant;
import org.springframework.messaging.MessagingException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * SUPERVISOR and ADMIN grants waiting for a second person: requested by an admin, approved by a
 * supervisor who is neither the requester nor the account (the database checks both as well).
 */
@Component
class RoleGrants {

    private final DatabaseClient db;
    private final Clock clock;
    private final UserDirectory users;
    private final AdminAudit audit;

    RoleGrants(kr.anshim.backend.storage.ScreenDatabase screens, Clock clock, UserDirectory users, AdminAudit audit) {
        this.db = screens.client();
        this.clock = clock;
        this.users = users;
        this.audit = audit;
    }

    /** Replaces any pending grant for the account by this one. */
    Mono<Void> request(String username, Role role, List<String> wards, String requestedBy) {
        return withdraw(username, requestedBy)
                .then(db.sql("""
                                insert into role_grant (username, role, ward_codes, requested_by, requested_at)
                                values ($1, $2, $3, $4, $5)""")
                        .bind(0, username).bind(1, role.name()).bind(2, wards.toArray(String[]::new)).bind(3, requestedBy)
                        .bind(4, clock.instant().atOffset(ZoneOffset.UTC)).then())
                .then(audit.append(requestedBy, "ROLE_GRANT_REQUESTED", username, role + " (waits for a different supervisor)"));
    }

    /** Withdraws a pending grant (the admin saved the account with another role). */
    Mono<Void> withdraw(String username, String by) {
        return db.sql("update role_grant set state = 'WITHDRAWN', decided_at = $2 where username = $1 and state = 'PENDING' returning role")
                .bind(0, username).bind(1, clock.instant().atOffset(ZoneOffset.UTC))
                .map(row -> row.get("role", String.class)).all()
                .concatMap(role -> audit.append(by, "ROLE_GRANT_WITHDRAWN", username, role))
                .then();
    }

    Flux<RoleGrant> recent() {
        return db.sql("""
                        select id, username, role, ward_codes, requested_by, requested_at, state, decided_by, decided_at
                        from role_grant order by (state = 'PENDING') desc, id desc limit 200""")
                .map(row -> {
                    OffsetDateTime decided = row.get("decided_at", OffsetDateTime.class);
                    return new RoleGrant(row.get("id", Long.class), row.get("username", String.class), row.get("role", String.class),
                            Arrays.asList(row.get("ward_codes", String[].class)), row.get("requested_by", String.class),
                            row.get("requested_at", OffsetDateTime.class).toInstant(), row.get("state", String.class),
                            row.get("decided_by", String.class), decided == null ? null : decided.toInstant());
                })
                .all();
    }

    Mono<RoleGrant> approve(long id, String supervisor) {
        return recent().filter(g -> g.id() == id && g.state().equals("PENDING")).next()
                .switchIfEmpty(Mono.error(new MessagingException(AdminRefusal.NO_PENDING_GRANT.message("no pending grant " + id))))
                .flatMap(grant -> {
                    if (grant.requestedBy().equals(supervisor) || grant.username().equals(supervisor)) {
                        return Mono.error(new MessagingException(AdminRefusal.SELF_APPROVAL.message(
                                "you may not approve your own request or a grant for yourself; a different supervisor must")));
                    }
                    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
                    return db.sql("""
                                    update role_grant set state = 'APPROVED', decided_by = $2, decided_at = $3
                                    where id = $1 and state = 'PENDING'""")
                            .bind(0, id).bind(1, supervisor).bind(2, now)
                            .fetch().rowsUpdated()
                            .flatMap(n -> n == 0 ? Mono.error(new MessagingException(AdminRefusal.NO_PENDING_GRANT.message("no pending grant " + id)))
                                    : users.approve(grant.username(), Role.valueOf(grant.role()), grant.wards()))
                            .then(audit.append(supervisor, "ROLE_GRANT_APPROVED", grant.username(),
                                    grant.role() + ", requested by " + grant.requestedBy()))
                            .thenReturn(new RoleGrant(grant.id(), grant.username(), grant.role(), grant.wards(), grant.requestedBy(),
                                    grant.requestedAt(), "APPROVED", supervisor, now.toInstant()));
                });
    }
}
