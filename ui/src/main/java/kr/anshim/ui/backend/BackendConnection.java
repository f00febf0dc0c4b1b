package kr.anshim.ui.backend;

import kr.anshim.api.ConnectionCredentials;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.util.retry.Retry;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class BackendConnection {

    /** Lazy: connects on first use and again after the backend restarts, with backoff. */
    @Bean
    RSocketRequester backendRequester(RSocketRequester.Builder builder, BackendProperties backend) {
        return builder
                .dataMimeType(MediaType.APPLICATION_JSON)
                .setupData(ConnectionCredentials.service("ui", backend.token() == null ? "" : backend.token()))
                .rsocketConnector(connector -> connector.reconnect(
                        Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))))
                .transport(new FailoverTransport(backend.targets()));
    }
}
