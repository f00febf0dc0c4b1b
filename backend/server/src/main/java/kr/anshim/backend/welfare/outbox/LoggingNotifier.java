package kr.anshim.backend.welfare.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The default adapter: writes the message to the log (without its body, which names a person's 동). */
@Component
class LoggingNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotifier.class);

    @Override
    public Channel channel() {
        return Channel.LOG;
    }

    @Override
    public Mono<Void> send(OutboxMessage message) {
        return Mono.fromRunnable(() -> log.info("Notification {} to {}: {} (attempt {})", message.id(), message.recipient(),
                message.subject(), message.attempts()));
    }
}
