package kr.anshim.backend.welfare.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import kr.anshim.backend.welfare.WelfareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

/**
 * Runs the dispatcher every {@code dispatch-every}, one round at a time (a late tick is dropped).
 * {@code anshim.welfare.outbox.enabled=false} keeps messages in the outbox undelivered (the tests of
 * the dispatcher run their own).
 */
@Component
class OutboxLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxLoop.class);

    private final OutboxDispatcher dispatcher;
    private final WelfareProperties.Outbox settings;
    private final boolean enabled;
    private volatile Disposable loop;

    OutboxLoop(Outbox outbox, List<Notifier> notifiers, WelfareProperties properties, Clock clock, MeterRegistry meters,
               @Value("${anshim.welfare.outbox.enabled:true}") boolean enabled) {
        this.settings = properties.outbox();
        this.dispatcher = new OutboxDispatcher(outbox, notifiers, settings, clock, meters);
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled) {
            log.info("Outbox dispatch is off (anshim.welfare.outbox.enabled=false): messages stay PENDING");
            return;
        }
        loop = Flux.interval(settings.dispatchEvery(), settings.dispatchEvery())
                .onBackpressureDrop()
                .concatMap(tick -> dispatcher.round().onErrorResume(error -> {
                    log.warn("Outbox round failed, tried again next round: {}", error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(null, error -> log.error("Outbox loop ended; this is a bug", error));
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
