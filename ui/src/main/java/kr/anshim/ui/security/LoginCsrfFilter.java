package kr.anshim.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * VaadinWebSecurity exempts the login URL from Spring's CSRF check, so a plain {@code POST /login}
 * from anywhere was accepted. The sign-in screen now signs in through a Vaadin request (covered by
 * Vaadin's own CSRF token); a form POST to {@code /login} is refused unless it carries the
 * session's CSRF token ({@code _csrf} or the {@code X-CSRF-TOKEN} header).
 */
class LoginCsrfFilter extends OncePerRequestFilter {

    private final HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()) && !valid(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "CSRF token required");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean valid(HttpServletRequest request) {
        CsrfToken expected = request.getSession(false) == null ? null : tokens.loadToken(request);
        String given = request.getHeader("X-CSRF-TOKEN");
        if (given == null) {
            given = request.getParameter("_csrf");
        }
        return expected != null && given != null && MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
