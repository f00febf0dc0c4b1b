package kr.anshim.backend.welfare.outbox;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Map;

/**
 * SMS or e-mail through a provider's HTTP API (a message gateway): one JSON POST per message with
 * the message id as {@code Idempotency-Key}, so a resend after a crash is delivered once. Made by
 * {@link NotifierConfiguration} when {@code anshim.welfare.outbox.sms-url} or {@code email-url} is set.
 */
final class WebhookNotifier implements Notifier {

    private final Channel channel;
    private final WebClient client;
    private final URI url;

    WebhookNotifier(Channel channel, WebClient.Builder builder, URI url, String token) {
        this.channel = channel;
        this.url = url;
        this.client = builder.defaultHeaders(h -> {
            if (token != null && !token.isBlank()) {
                h.setBearerAuth(token);
            }
        }).build();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Mono<Void> send(OutboxMessage message) {
        return client.post().uri(url)
                .header("Idempotency-Key", message.id().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", message.id().toString(), "to", message.recipient(),
                        "subject", message.subject(), "text", message.body()))
                .retrieve()
                .toBodilessEntity()
                .then();
    }
}
