package kr.anshim.backend.responder;

import kr.anshim.api.DemoResponders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/** Demo profile only: imports the deterministic demo roster (patrol cars at all 31 police stations, guard posts in all 25 wards). */
@Component
@Profile("demo")
class DemoResponderSeed implements ResponderSeed {

    private static final Logger log = LoggerFactory.getLogger(DemoResponderSeed.class);

    private final long seed;

    DemoResponderSeed(@Value("${anshim.demo.seed:20221101}") long seed) {
        this.seed = seed;
    }

    @Override
    public Mono<Void> seed(ResponderStore store) {
        List<DemoResponders.Responder> roster = DemoResponders.generate(seed);
        log.info("Seeding the demo roster: {} responders", roster.size());
        return store.importAll(roster);
    }
}
