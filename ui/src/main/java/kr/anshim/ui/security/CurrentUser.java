package kr.anshim.ui.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The signed-in user of the current request or UI access. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<AnshimUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AnshimUser user
                ? Optional.of(user) : Optional.empty();
    }

    public static AnshimUser require() {
        return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }
}
