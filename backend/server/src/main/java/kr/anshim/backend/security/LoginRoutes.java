package kr.anshim.backend.security;

import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import static kr.anshim.api.ConnectionCredentials.Kind.SERVICE;

/** Sign-in for screen users, relayed by the UI (a service); the answer opens the user's own connection. */
@Controller
class LoginRoutes {

    private final UserDirectory users;

    LoginRoutes(UserDirectory users) {
        this.users = users;
    }

    @MessageMapping(Routes.LOGIN)
    Mono<LoginResult> login(LoginRequest request) {
        return Callers.require(SERVICE).flatMap(caller -> users.login(request.username(), request.password()));
    }
}
