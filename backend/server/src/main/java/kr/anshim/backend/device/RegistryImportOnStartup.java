package kr.anshim.backend.device;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;

/**
 * With {@code anshim.registry.import-dir} set ({@code ANSHIM_REGISTRY_IMPORT_DIR}), imports
 * {@code households.csv} and {@code devices.csv} from it once the backend is up. Re-importing
 * updates rows in place.
 */
@Component
class RegistryImportOnStartup {

    private static final Logger log = LoggerFactory.getLogger(RegistryImportOnStartup.class);

    private final DeviceRegistry registry;
    private final String dir;

    RegistryImportOnStartup(DeviceRegistry registry, @Value("${anshim.registry.import-dir:}") String dir) {
        this.registry = registry;
        this.dir = dir;
    }

    @EventListener(ApplicationReadyEvent.class)
    void importIfConfigured() {
        if (dir.isBlank()) {
            return;
        }
        Path households = Path.of(dir, "households.csv");
        Path devices = Path.of(dir, "devices.csv");
        Mono.fromCallable(() -> RegistryCsv.read(households, devices))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(contents -> registry.ready()
                        .then(registry.importRows(contents.households(), contents.devices()))
                        .thenReturn(contents))
                .subscribe(contents -> log.info("Imported {} households and {} devices from {}",
                                contents.households().size(), contents.devices().size(), dir),
                        error -> log.error("Registry import from {} failed: {}", dir, error.getMessage()));
    }

}
