package kr.anshim.backend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The backend's HTTP port is its management port: it serves the actuator and nothing else
 * ({@code ANSHIM_MANAGEMENT_PORT}, default 8090, bound to {@code ANSHIM_MANAGEMENT_ADDRESS},
 * default 127.0.0.1, independent of the device port's {@code ANSHIM_BIND_ADDRESS}). Bound to
 * loopback, only this host reaches it. Bound anywhere else (or with
 * {@code anshim.management.require-token=true}), every endpoint but health needs
 * {@code Authorization: Bearer <ANSHIM_METRICS_TOKEN>}; with no token set, they are refused
 * outright. Health (names and states only, never details) stays open for launchers and probes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManagementAccess implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(ManagementAccess.class);

    private final boolean required;
    private final byte[] expected;

    ManagementAccess(@Value("${server.port:}") String serverPort, @Value("${server.address:}") String serverAddress,
                     @Value("${management.server.port:}") String managementPort,
                     @Value("${management.server.address:}") String managementAddress,
                     @Value("${anshim.management.require-token:auto}") String requireToken,
                     @Value("${anshim.management.metrics-token:}") String token) {
        // a management.server.port of its own (MANAGEMENT_SERVER_PORT) binds management.server.address instead;
        // this filter applies there too (the management context sees the application's WebFilters)
        boolean separate = !managementPort.isBlank() && !managementPort.equals(serverPort);
        String address = separate ? managementAddress : serverAddress;
        this.required = "auto".equals(requireToken) ? !loopback(address) : Boolean.parseBoolean(requireToken);
        this.expected = token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        if (required && expected == null) {
            log.warn("The management port is bound to {} (not loopback) and ANSHIM_METRICS_TOKEN is not set: "
                    + "metrics and info are refused to everyone; health stays open", address);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!required || path.equals("/actuator/health") || path.startsWith("/actuator/health/") || authorized(exchange)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"anshim-management\"");
        return exchange.getResponse().setComplete();
    }

    private boolean authorized(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return expected != null && given != null
                && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Unset, or a loopback address: only this host can connect. A wildcard (0.0.0.0, ::) is not loopback. */
    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // Spring binds every interface when no address is set
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
