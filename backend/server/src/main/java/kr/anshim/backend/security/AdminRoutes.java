package kr.anshim.backend.security;

import kr.anshim.api.DeviceSummary;
import kr.anshim.api.Routes;
import kr.anshim.api.UserAccount;
import kr.anshim.api.Wards;
import kr.anshim.backend.device.DeviceRegistry;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.regex.Pattern;

import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * What an admin does: manage screen users and revoke devices. Only a signed-in user with the
 * ADMIN role may call these; admins see no incidents.
 */
@Controller
class AdminRoutes {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");
    private static final int MIN_PASSWORD = 10;

    private final UserDirectory users;
    private final DeviceRegistry registry;

    AdminRoutes(UserDirectory users, DeviceRegistry registry) {
        this.users = users;
        this.registry = registry;
    }

    @MessageMapping(Routes.ADMIN_USERS)
    Flux<UserAccount> users() {
        return admin().flatMapMany(caller -> users.all());
    }

    @MessageMapping(Routes.ADMIN_SAVE_USER)
    Mono<UserAccount> save(UserAccount account) {
        return admin().flatMap(caller -> {
            Role role = check(account);
            return users.exists(account.username()).flatMap(exists -> {
                boolean newPassword = account.password() != null && !account.password().isBlank();
                if (!exists && !newPassword) {
                    return Mono.error(new MessagingException("a new user needs a password of at least " + MIN_PASSWORD + " characters"));
                }
                if (newPassword && account.password().length() < MIN_PASSWORD) {
                    return Mono.error(new MessagingException("a password needs at least " + MIN_PASSWORD + " characters"));
                }
                Mono<Void> password = newPassword
                        ? users.save(account.username(), account.displayName(), account.password(), role, account.wards())
                        : Mono.empty();
                return password.then(users.update(account.username(), account.displayName(), role, account.wards(), account.active()))
                        .thenReturn(new UserAccount(account.username(), account.displayName(), role.name(), account.wards(),
                                account.active(), null));
            });
        });
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
                .switchIfEmpty(Mono.error(new MessagingException("no device " + id)))
                .flatMap(caller -> registry.revoke(id))
                .then(Mono.fromCallable(() -> registry.find(id).orElseThrow()))
                .map(d -> new DeviceSummary(d.id(), d.family().name(), d.householdId(), d.wardCode(), d.revoked()));
    }

    private static Mono<Caller> admin() {
        return Callers.require(USER).flatMap(caller -> caller.role() == Role.ADMIN ? Mono.just(caller)
                : Mono.error(new MessagingException("only an admin may manage users and devices")));
    }

    private static Role check(UserAccount account) {
        if (account.username() == null || !USERNAME.matcher(account.username()).matches()) {
            throw new MessagingException("a username is 3-40 lowercase letters, digits, '.', '_' or '-'");
        }
        if (account.displayName() == null || account.displayName().isBlank()) {
            throw new MessagingException("a user needs a display name");
        }
        Role role;
        try {
            role = Role.valueOf(account.role());
        } catch (RuntimeException e) {
            throw new MessagingException("unknown role '" + account.role() + "'");
        }
        for (String ward : account.wards()) {
            if (Wards.seoul().byCode(ward).isEmpty()) {
                throw new MessagingException("unknown ward code '" + ward + "'");
            }
        }
        if ((role == Role.OPERATOR || role == Role.POLICE_LIAISON) && account.wards().isEmpty()) {
            throw new MessagingException("an operator or police liaison needs at least one ward");
        }
        return role;
    }
}
