package kr.anshim.backend.security;

import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.LogoutRequest;
import kr.anshim.api.Routes;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import static kr.anshim.api.ConnectionCredentials.Kind.SERVICE;
import static kr.anshim.api.ConnectionCredentials.Kind.USER;

/**
 * Sign-in and sign-out for screen users, relayed by the UI (a service); the sign-in's answer opens
 * the user's own connection. This is all a service connection may do for a user.
 */
@Controller
class LoginRoutes {

    private static final int MAX_SOURCE = 100;

    private final UserDirectory users;

    LoginRoutes(UserDirectory users) {
        this.users = users;
    }

    @MessageMapping(Routes.LOGIN)
    Mono<LoginResult> login(LoginRequest request) {
        return Callers.require(SERVICE).flatMap(caller -> users.login(request.username(), request.password(),
                source(caller, request.source())));
    }

    /** Ends the session the token belongs to; on a user's own connection only that user's. */
    @MessageMapping(Routes.LOGOUT)
    Mono<Void> logout(LogoutRequest request) {
        return Callers.require(SERVICE, USER)
                .flatMap(caller -> caller.kind() == USER && !caller.id().equals(request.username())
                        ? Mono.error(new MessagingException("you may only sign yourself out"))
                        : users.logout(request.username(), request.token()))
                .then();
    }

    /** The browser's address the UI relays; without one, the relaying service itself (one shared budget). */
    private static String source(Caller caller, String relayed) {
        if (relayed == null || relayed.isBlank()) {
            return "service:" + caller.id();
        }
        String source = relayed.strip();
        return "source:" + (source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) : source);
    }
}
