package kr.anshim.backend.security;

import kr.anshim.backend.device.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Tokens of trusted services (the UI), from configuration ({@code anshim.security.services.ui},
 * e.g. the environment variable {@code ANSHIM_UI_TOKEN}); never committed outside the demo profile.
 *
 * @param services service name to token
 */
@ConfigurationProperties("anshim.security")
public record ServiceTokens(Map<String, String> services) {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

    public ServiceTokens {
        services = services == null ? Map.of() : Map.copyOf(services);
        if (services.values().stream().allMatch(t -> t == null || t.isBlank())) {
            log.warn("No service tokens configured (anshim.security.services.*): screens cannot connect");
        }
    }

    boolean matches(String service, String token) {
        String expected = services.get(service);
        return expected != null && !expected.isBlank() && Tokens.matches(token, Tokens.sha256(expected));
    }
}
