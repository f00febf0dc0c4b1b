package kr.anshim.backend.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.api.AdminAuditEntry;
import kr.anshim.api.DeviceSummary;
import kr.anshim.api.RoleGrant;
import kr.anshim.api.SessionView;
import kr.anshim.api.AdminRefusal;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.api.Wards;
import kr.anshim.backend.device.DeviceRegistry;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * What an admin does: manage screen users, their sessions and lockouts, and revoke devices. Only a
 * signed-in user with the ADMIN role may call these (supervisors read the audit trail and approve
 * SUPERVISOR and ADMIN grants); admins see no incidents.
 */
@Controller
class AdminRoutes {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");
    private static final int MIN_PASSWORD = 10;

    private final UserDirectory users;
    private final DeviceRegistry registry;
    private final AdminAudit audit;
    private final RoleGrants grants;
    private final Counter refusedSaves;

    AdminRoutes(UserDirectory users, DeviceRegistry registry, AdminAudit audit, RoleGrants grants, MeterRegistry meters) {
        this.users = users;
        this.registry = registry;
        this.audit = audit;
        this.grants = grants;
        this.refusedSaves = meters.counter("anshim.admin.user.saves.refused");
    }

    @MessageMapping(Routes.ADMIN_USERS)
    Flux<UserAccount> users() {
        return admin().flatMapMany(caller -> users.all());
    }

    /**
     * Creates or updates a user. Creating or granting SUPERVISOR or ADMIN only requests it: the grant
     * waits for a different supervisor ({@link Routes#ADMIN_APPROVE_GRANT}); a new account waits
     * unable to sign in, an existing one keeps its role until then. Every privilege change is audited;
     * a role change or a new password ends the user's sessions.
     */
    @MessageMapping(Routes.ADMIN_SAVE_USER)
    Mono<UserAccount> save(UserAccount account) {
        return save(account, Intent.EITHER);
    }

    /** A new user: an existing username is refused, never overwritten. */
    @MessageMapping(Routes.ADMIN_CREATE_USER)
    Mono<UserAccount> create(UserAccount account) {
        return save(account, Intent.CREATE);
    }

    /** A change of an existing user: an unknown username is refused, never created. */
    @MessageMapping(Routes.ADMIN_UPDATE_USER)
    Mono<UserAccount> update(UserAccount account) {
        return save(account, Intent.UPDATE);
    }

    /** What the admin meant: the screens say it, so a typo never turns into an overwrite or a new account. */
    private enum Intent { CREATE, UPDATE, EITHER }

    private MessagingException exists(String name) {
        refusedSaves.increment();
        return new MessagingException(AdminRefusal.USER_EXISTS.message("a user '" + name + "' already exists; choose another username, or edit that user"));
    }

    private Mono<UserAccount> save(UserAccount account, Intent intent) {
        return admin().flatMap(caller -> {
            Role role = check(account);
            boolean newPassword = account.password() != null && !account.password().isBlank();
            if (newPassword && account.password().length() < MIN_PASSWORD) {
                return Mono.error(new MessagingException(AdminRefusal.PASSWORD_TOO_SHORT.message("a password needs at least " + MIN_PASSWORD + " characters")));
            }
            String name = account.username();
            boolean privileged = role == Role.SUPERVISOR || role == Role.ADMIN;
            return users.find(name).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
                if (found.isPresent() && intent == Intent.CREATE) {
                    return Mono.error(exists(name));
                }
                if (found.isEmpty() && intent == Intent.UPDATE) {
                    refusedSaves.increment();
                    return Mono.error(new MessagingException(AdminRefusal.NO_SUCH_USER.message("there is no user '" + name + "' to change")));
                }
                if (found.isEmpty()) {
                    if (!newPassword) {
                        return Mono.error(new MessagingException(AdminRefusal.PASSWORD_TOO_SHORT.message("a new user needs a password of at least " + MIN_PASSWORD + " characters")));
                    }
                    Mono<Void> stored = intent == Intent.CREATE
                            ? users.create(name, account.displayName(), account.password(), role, account.wards(), !privileged)
                                    .flatMap(created -> created ? Mono.<Void>empty() : Mono.error(exists(name)))
                            : users.save(name, account.displayName(), account.password(), role, account.wards(), !privileged);
                    Mono<Void> create = stored
                            .then(users.update(name, account.displayName(), role, account.wards(), account.active()))
                            .then(audit.append(caller.id(), "USER_CREATED", name, role + " " + account.wards()
                                    + (privileged ? " (cannot sign in until a supervisor approves)" : "")));
                    return (privileged ? create.then(grants.request(name, role, account.wards(), caller.id())) : create)
                            .thenReturn(new UserAccount(name, account.displayName(), role.name(), account.wards(), account.active(), null));
                }
                UserDirectory.Stored before = found.get();
                boolean escalation = privileged && role != before.role();
                Role effective = escalation ? before.role() : role;
                List<String> wards = escalation ? before.wards() : account.wards();
                List<Mono<Void>> steps = new ArrayList<>();
                if (newPassword) {
                    steps.add(users.save(name, account.displayName(), account.password(), before.role(), before.wards(), before.approved())
                            .then(audit.append(caller.id(), "PASSWORD_RESET", name, null))
                            .then(users.endSessions(name)));
                }
                steps.add(users.update(name, account.displayName(), effective, wards, account.active()));
                if (escalation) {
                    steps.add(grants.request(name, role, account.wards(), caller.id()));
                } else if (!privileged) {
                    steps.add(grants.withdraw(name, caller.id()));
                }
                if (effective != before.role()) {
                    steps.add(audit.append(caller.id(), "ROLE_CHANGED", name, before.role() + " → " + effective)
                            .then(users.endSessions(name)));
                }
                if (!new java.util.HashSet<>(wards).equals(new java.util.HashSet<>(before.wards()))) {
                    steps.add(audit.append(caller.id(), "WARDS_CHANGED", name, before.wards() + " → " + wards));
                }
                if (account.active() != before.active()) {
                    steps.add(audit.append(caller.id(), account.active() ? "USER_REACTIVATED" : "USER_DEACTIVATED", name, null));
                }
                return Flux.concat(steps).then(Mono.just(new UserAccount(name, account.displayName(), effective.name(), wards,
                        account.active(), null)));
            });
        });
    }

    /** Every unexpired sign-in session and how many connections it has open here. */
    @MessageMapping(Routes.ADMIN_SESSIONS)
    Flux<SessionView> sessions() {
        return admin().flatMapMany(caller -> users.sessions());
    }

    @MessageMapping(Routes.ADMIN_END_SESSION)
    Mono<Void> endSession(String sessionId) {
        String id = sessionId.replace("\"", "").strip();
        return admin().flatMap(caller -> users.endSession(id)
                .switchIfEmpty(Mono.error(new MessagingException(AdminRefusal.NO_SESSION.message("no session " + id))))
                .flatMap(username -> audit.append(caller.id(), "SESSION_ENDED", username, "session " + id.substring(0, Math.min(12, id.length())))));
    }

    @MessageMapping(Routes.ADMIN_UNLOCK)
    Mono<Void> unlock(String username) {
        String name = username.replace("\"", "").strip();
        return admin().flatMap(caller -> {
            users.unlock(name);
            return audit.append(caller.id(), "UNLOCKED", name, null);
        });
    }

    /** Supervisors and admins read the admin audit trail, newest first (the latest 500). */
    @MessageMapping(Routes.ADMIN_AUDIT)
    Flux<AdminAuditEntry> audit() {
        return supervisorOrAdmin("read the admin audit trail").flatMapMany(caller -> audit.newestFirst(500));
    }

    @MessageMapping(Routes.ADMIN_GRANTS)
    Flux<RoleGrant> grants() {
        return supervisorOrAdmin("see role grants").flatMapMany(caller -> grants.recent());
    }

    /** A supervisor approves a pending grant, unless they asked for it or it is for themselves. */
    @MessageMapping(Routes.ADMIN_APPROVE_GRANT)
    Mono<RoleGrant> approve(long grantId) {
        return Callers.require(USER)
                .flatMap(caller -> caller.role() == Role.SUPERVISOR ? Mono.just(caller)
                        : Mono.error(new MessagingException(AdminRefusal.SUPERVISOR_APPROVES.message("only a supervisor may approve a grant"))))
                .flatMap(caller -> grants.approve(grantId, caller.id()));
    }

    @MessageMapping(Routes.ADMIN_DEVICES)
    Mono<List<DeviceSummary>> devices(String wardCode) {
        String ward = wardCode.replace("\"", "").strip();
        return admin().map(caller -> registry.inWard(ward).stream()
                .map(d -> new DeviceSummary(d.id(), d.family().name(), d.householdId(), d.wardCode(), d.revoked()))
                .toList());
    }

    @MessageMapping(Routes.ADMIN_REVOKE_DEVICE)
    Mono<DeviceSummary> revoke(String deviceId) {
        String id = deviceId.replace("\"", "").strip();
        return admin()
                .filter(caller -> registry.find(id).isPresent())
                .switchIfEmpty(Mono.error(new MessagingException(AdminRefusal.NO_DEVICE.message("no device " + id))))
                .flatMap(caller -> registry.revoke(id))
                .then(Mono.fromCallable(() -> registry.find(id).orElseThrow()))
                .map(d -> new DeviceSummary(d.id(), d.family().name(), d.householdId(), d.wardCode(), d.revoked()));
    }

    private static Mono<Caller> admin() {
        return Callers.require(USER).flatMap(caller -> caller.role() == Role.ADMIN ? Mono.just(caller)
                : Mono.error(new MessagingException(AdminRefusal.ADMIN_ONLY.message("only an admin may manage users and devices"))));
    }

    private static Mono<Caller> supervisorOrAdmin(String what) {
        return Callers.require(USER).flatMap(caller -> caller.role() == Role.ADMIN || caller.role() == Role.SUPERVISOR
                ? Mono.just(caller) : Mono.error(new MessagingException(AdminRefusal.SUPERVISOR_OR_ADMIN_ONLY.message("only a supervisor or an admin may " + what))));
    }

    private static Role check(UserAccount account) {
        if (account.username() == null || !USERNAME.matcher(account.username()).matches()) {
            throw new MessagingException(AdminRefusal.BAD_USERNAME.message("a username is 3-40 lowercase letters, digits, '.', '_' or '-'"));
        }
        if (account.displayName() == null || account.displayName().isBlank()) {
            throw new MessagingException(AdminRefusal.NO_DISPLAY_NAME.message("a user needs a display name"));
        }
        Role role;
        try {
            role = Role.valueOf(account.role());
        } catch (RuntimeException e) {
            throw new MessagingException(AdminRefusal.UNKNOWN_ROLE.message("unknown role '" + account.role() + "'"));
        }
        for (String ward : account.wards()) {
            if (Wards.seoul().byCode(ward).isEmpty()) {
                throw new MessagingException(AdminRefusal.UNKNOWN_WARD.message("unknown ward code '" + ward + "'"));
            }
        }
        if ((role == Role.OPERATOR || role == Role.POLICE_LIAISON) && account.wards().isEmpty()) {
            throw new MessagingException(AdminRefusal.WARD_REQUIRED.message("an operator or police liaison needs at least one ward"));
        }
        return role;
    }
}
