package kr.anshim.backend.device;

import kr.anshim.api.DemoCity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Set;

/** Demo profile only: imports the deterministic demo city (households in all 25 wards) into an empty registry. */
@Component
@Profile("demo")
class DemoRegistrySeed implements RegistrySeed {

    private static final Logger log = LoggerFactory.getLogger(DemoRegistrySeed.class);

    private final double householdsPerThousand;
    private final long seed;

    DemoRegistrySeed(@Value("${anshim.demo.households-per-thousand:0.5}") double householdsPerThousand,
                     @Value("${anshim.demo.seed:20221101}") long seed) {
        this.householdsPerThousand = householdsPerThousand;
        this.seed = seed;
    }

    @Override
    public Mono<Void> seed(DeviceRegistry registry) {
        DemoCity city = DemoCity.generate(householdsPerThousand, seed);
        log.info("Seeding the demo registry: {} households, {} devices", city.households().size(), city.devices().size());
        return registry.importAll(city.households(), city.devices())
                .then(registry.saveGateway(DemoCity.DEMO_GATEWAY_ID, DemoCity.demoToken(DemoCity.DEMO_GATEWAY_ID), Set.of()));
    }
}
