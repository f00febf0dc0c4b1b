package kr.anshim.backend.welfare;

import kr.anshim.api.DemoCity;
import kr.anshim.api.welfare.DemoWelfare;
import kr.anshim.backend.device.DeviceRegistry;
import kr.anshim.backend.device.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/** Demo profile only: 서대문구's demo households enrolled in the inactivity check, with their devices and officer. */
@Component
@Profile("demo")
class DemoWelfareSeed implements WelfareSeed {

    private static final Logger log = LoggerFactory.getLogger(DemoWelfareSeed.class);

    private final DeviceRegistry registry;
    private final DatabaseClient db;
    private final double householdsPerThousand;
    private final long seed;

    DemoWelfareSeed(DeviceRegistry registry, DatabaseClient db,
                    @Value("${anshim.demo.households-per-thousand:0.5}") double householdsPerThousand,
                    @Value("${anshim.demo.seed:20221101}") long seed) {
        this.registry = registry;
        this.db = db;
        this.householdsPerThousand = householdsPerThousand;
        this.seed = seed;
    }

    @Override
    public Mono<Void> seed(Enrolments enrolments) {
        DemoCity city = DemoCity.generate(householdsPerThousand, seed);
        List<DeviceRegistry.DeviceRow> devices = DemoWelfare.devices(city).stream()
                .map(d -> new DeviceRegistry.DeviceRow(d.id(), d.family(), d.householdId(), Tokens.sha256(d.token()))).toList();
        log.info("Seeding the demo inactivity check: {} people in 서대문구", devices.size());
        return registry.importRows(List.of(), devices)
                .then(db.sql("insert into welfare_officer_contact (username, phone, email) values ($1, $2, $3) on conflict do nothing")
                        .bind(0, DemoWelfare.OFFICER).bind(1, "010-0000-1410").bind(2, "officer.seodaemun@example.invalid").then())
                .then(enrolments.save(DemoWelfare.enrolments(city)));
    }
}
