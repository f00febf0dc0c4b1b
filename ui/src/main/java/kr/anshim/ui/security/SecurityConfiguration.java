package kr.anshim.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

@EnableWebSecurity
@Configuration
class SecurityConfiguration extends VaadinWebSecurity {

    private final kr.anshim.ui.backend.UserConnections connections;

    SecurityConfiguration(kr.anshim.ui.backend.UserConnections connections) {
        this.connections = connections;
    }

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
    }

    /** So that a user's backend connection closes when their HTTP session ends. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
