package kr.anshim.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

@EnableWebSecurity
@Configuration
class SecurityConfiguration extends VaadinWebSecurity {

    private final SignOut connections;

    SecurityConfiguration(SignOut connections) {
        this.connections = connections;
    }
    /**
     * What the Vaadin production bundle needs and nothing else: everything from this origin
     * (the map's tiles and ward shapes are bundled, no CDN); Flow's client runs the server's
     * {@code executeJs} through {@code new Function} ('unsafe-eval') and its bootstrap and
     * components use inline scripts and styles ('unsafe-inline'); push is a same-origin WebSocket.
     * Checked in the real browser by ControlRoomBrowserIT (no CSP violation in the console).
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(new AntPathRequestMatcher("/actuator/health")).permitAll()
                .requestMatchers(new AntPathRequestMatcher("/data/**")).permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class);
        // setLoginView exempts /login from CSRF; the form POST now needs the session's token (LoginCsrfFilter)
        http.addFilterBefore(new LoginCsrfFilter(), org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        // signing out ends the backend session too, and closes the user's own connection
        http.logout(logout -> logout.addLogoutHandler((request, response, authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof AnshimUser user) {
                connections.signOut(user);
            }
        }));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.deny()));
    }

    /** So that a user's backend connection closes when their HTTP session ends. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
