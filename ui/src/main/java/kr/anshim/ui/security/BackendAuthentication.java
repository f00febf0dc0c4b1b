package kr.anshim.ui.security;

import kr.anshim.api.LoginRequest;
import kr.anshim.api.LoginResult;
import kr.anshim.api.Routes;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Signs users in against the backend, which owns the accounts and their BCrypt hashes: the UI
 * never sees a hash and never opens the database. Runs on a servlet thread, so waiting is fine.
 */
@Component
class BackendAuthentication implements AuthenticationProvider {

    private final RSocketRequester backend;

    BackendAuthentication(RSocketRequester backend) {
        this.backend = backend;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String source = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        return authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), source);
    }

    /** Signs in; {@code source} (the browser's address) lets the backend throttle guessing per source. */
    Authentication authenticate(String username, String password, String source) {
        LoginResult result;
        try {
            // the backend may delay an answer after failed attempts (at most 4 s)
            result = backend.route(Routes.LOGIN).data(new LoginRequest(username, password, source))
                    .retrieveMono(LoginResult.class).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            throw new AuthenticationServiceException("the control centre backend is not reachable", e);
        }
        if (result == null || !result.ok()) {
            throw new BadCredentialsException(result == null ? "no answer" : result.error());
        }
        AnshimUser user = new AnshimUser(result.username(), result.displayName(), result.role(), result.wards(), result.token());
        return new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority("ROLE_" + result.role())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
