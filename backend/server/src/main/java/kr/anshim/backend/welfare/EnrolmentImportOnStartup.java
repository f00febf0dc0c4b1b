package kr.anshim.backend.welfare;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * With {@code anshim.registry.import-dir} set, imports {@code enrolments.csv} from it (if present) once
 * the registry files are in: the devices it names must be registered first. Re-importing updates in place.
 */
@Component
class EnrolmentImportOnStartup {

    private static final Logger log = LoggerFactory.getLogger(EnrolmentImportOnStartup.class);

    private final Enrolments enrolments;
    private final String dir;

    EnrolmentImportOnStartup(Enrolments enrolments, @Value("${anshim.registry.import-dir:}") String dir) {
        this.enrolments = enrolments;
        this.dir = dir;
    }

    @EventListener(ApplicationReadyEvent.class)
    void importIfConfigured() {
        if (dir.isBlank() || !Files.exists(Path.of(dir, "enrolments.csv"))) {
            return;
        }
        Path file = Path.of(dir, "enrolments.csv");
        Mono.fromCallable(() -> EnrolmentCsv.read(file))
                .subscribeOn(Schedulers.boundedElastic())
                // the registry import runs beside this one: its devices must be in before the enrolments name them
                .flatMap(rows -> enrolments.ready().then(enrolments.save(rows)
                        .retryWhen(reactor.util.retry.Retry.backoff(5, Duration.ofSeconds(1))
                                .filter(IllegalArgumentException.class::isInstance)))
                        .thenReturn(rows.size()))
                .subscribe(n -> log.info("Imported {} enrolments from {}", n, file),
                        error -> log.error("Enrolment import from {} failed: {}", file, error.getMessage()));
    }
}
