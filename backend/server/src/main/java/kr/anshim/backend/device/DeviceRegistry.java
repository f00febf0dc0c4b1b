package kr.anshim.backend.device;

import kr.anshim.api.DemoCity;
import kr.anshim.api.DeviceFamily;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Households and devices in PostgreSQL, served from an in-memory copy so the ingest path never
 * waits on a lookup query. {@link #ready()} completes once the first copy is loaded.
 */
@Component
public class DeviceRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceRegistry.class);

    private static final String SELECT_DEVICES = """
            select d.id, d.family, d.household_id, h.ward_code, h.latitude, h.longitude,
                   h.protected_person, d.token_sha256, d.revoked
            from device d join household h on h.id = d.household_id""";

    private final DatabaseClient db;
    private final DeviceSupervision supervision;
    private final TransactionalOperator tx;
    private volatile Map<String, RegisteredDevice> devices = Map.of();
    private volatile Map<String, RegisteredGateway> gateways = Map.of();
    private final Mono<Void> ready;

    DeviceRegistry(DatabaseClient db, List<RegistrySeed> seeds, DeviceSupervision supervision,
                   TransactionalOperator tx) {
        this.db = db;
        this.supervision = supervision;
        this.tx = tx;
        this.ready = kr.anshim.backend.pipeline.StartupLoad.retrying("the device registry",
                        Mono.defer(() -> seeds.isEmpty() ? Mono.empty() : seedIfEmpty(seeds.get(0))).then(Mono.defer(this::reload)),
                        error -> { }, LOG)
                // caches success only: StartupLoad retries without end, so no error is ever cached
                .cache();
    }

    /** Completes when the registry has been loaded (and seeded, in the demo profile). */
    public Mono<Void> ready() {
        return ready;
    }

    public Optional<RegisteredDevice> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public Optional<RegisteredGateway> gateway(String gatewayId) {
        return Optional.ofNullable(gateways.get(gatewayId));
    }

    /** The devices of one ward, by id. */
    public List<RegisteredDevice> inWard(String wardCode) {
        return devices.values().stream().filter(d -> d.wardCode().equals(wardCode))
                .sorted(java.util.Comparator.comparing(RegisteredDevice::id)).toList();
    }

    /** The devices installed in these households. */
    public List<RegisteredDevice> devicesOf(Set<String> householdIds) {
        return devices.values().stream().filter(d -> householdIds.contains(d.householdId()))
                .sorted(java.util.Comparator.comparing(RegisteredDevice::id)).toList();
    }

    public int size() {
        return devices.size();
    }

    public Mono<Void> reload() {
        return reloadDevices().then(reloadGateways());
    }

    /** Registers or replaces a gateway; {@code wards} empty means it may relay for every ward. */
    public Mono<Void> saveGateway(String id, String token, Set<String> wards) {
        return db.sql("""
                        insert into gateway (id, token_sha256, ward_codes) values ($1, $2, $3)
                        on conflict (id) do update set token_sha256 = excluded.token_sha256, ward_codes = excluded.ward_codes""")
                .bind(0, id)
                .bind(1, Tokens.sha256(token))
                .bind(2, wards.isEmpty() ? new String[0] : wards.toArray(String[]::new))
                .then()
                .then(reloadGateways());
    }

    /** Revokes a device: it is refused from its next connection or event on. */
    public Mono<Void> revoke(String deviceId) {
        return db.sql("update device set revoked = true where id = $1").bind(0, deviceId).then().then(reloadDevices())
                .doOnSuccess(done -> supervision.forget(deviceId));
    }

    private Mono<Void> reloadGateways() {
        return db.sql("select id, token_sha256, revoked, ward_codes from gateway")
                .map(row -> new RegisteredGateway(row.get("id", String.class), row.get("token_sha256", String.class),
                        Boolean.TRUE.equals(row.get("revoked", Boolean.class)),
                        wards(row.get("ward_codes", String[].class))))
                .all()
                .collectList()
                .doOnNext(list -> gateways = list.stream().collect(
                        Collectors.toUnmodifiableMap(RegisteredGateway::id, Function.identity())))
                .then();
    }

    private static Set<String> wards(String[] codes) {
        return codes == null ? Set.of() : Set.of(codes);
    }

    private Mono<Void> reloadDevices() {
        return db.sql(SELECT_DEVICES)
                .map((row, meta) -> new RegisteredDevice(
                        row.get("id", String.class),
                        DeviceFamily.valueOf(row.get("family", String.class)),
                        row.get("household_id", String.class),
                        row.get("ward_code", String.class),
                        row.get("latitude", Double.class),
                        row.get("longitude", Double.class),
                        Boolean.TRUE.equals(row.get("protected_person", Boolean.class)),
                        row.get("token_sha256", String.class),
                        Boolean.TRUE.equals(row.get("revoked", Boolean.class))))
                .all()
                .collectList()
                .doOnNext(list -> devices = list.stream().collect(
                        Collectors.toUnmodifiableMap(RegisteredDevice::id, Function.identity())))
                .then();
    }

    /** Inserts or updates households and devices in one statement each, then reloads the copy. */
    public Mono<Void> importAll(List<DemoCity.Household> households, List<DemoCity.Device> deviceRows) {
        List<DeviceRow> rows = deviceRows.stream()
                .map(d -> new DeviceRow(d.id(), d.family(), d.householdId(), Tokens.sha256(d.token()))).toList();
        return importRows(households, rows);
    }

    /** A device as imported: its token only as a SHA-256 digest. */
    public record DeviceRow(String id, DeviceFamily family, String householdId, String tokenSha256) {
    }

    /** One transaction: a file whose device names an unknown household imports nothing. */
    public Mono<Void> importRows(List<DemoCity.Household> households, List<DeviceRow> deviceRows) {
        return upsertHouseholds(households).then(upsertDevices(deviceRows)).as(tx::transactional).then(reload());
    }

    private Mono<Void> seedIfEmpty(RegistrySeed seed) {
        return db.sql("select count(*) as n from device").map(row -> row.get("n", Long.class)).one()
                .filter(count -> count == 0)
                .flatMap(count -> seed.seed(this));
    }

    private Mono<Void> upsertHouseholds(List<DemoCity.Household> households) {
        if (households.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        insert into household (id, ward_code, latitude, longitude, protected_person, contact_name, contact_phone, address)
                        select * from unnest($1::text[], $2::text[], $3::text[]::float8[], $4::text[]::float8[],
                                             $5::text[]::boolean[], $6::text[], $7::text[], $8::text[])
                        on conflict (id) do update set ward_code = excluded.ward_code, latitude = excluded.latitude,
                            longitude = excluded.longitude, protected_person = excluded.protected_person,
                            contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,
                            address = excluded.address""")
                .bind(0, column(households, DemoCity.Household::id))
                .bind(1, column(households, DemoCity.Household::wardCode))
                .bind(2, column(households, h -> Double.toString(h.latitude())))
                .bind(3, column(households, h -> Double.toString(h.longitude())))
                .bind(4, column(households, h -> Boolean.toString(h.protectedPerson())))
                .bind(5, column(households, DemoCity.Household::contactName))
                .bind(6, column(households, DemoCity.Household::contactPhone))
                .bind(7, column(households, DemoCity.Household::address))
                .then();
    }

    private Mono<Void> upsertDevices(List<DeviceRow> rows) {
        return db.sql("""
                        insert into device (id, family, household_id, token_sha256)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
                        on conflict (id) do update set family = excluded.family, household_id = excluded.household_id,
                            token_sha256 = excluded.token_sha256""")
                .bind(0, column(rows, DeviceRow::id))
                .bind(1, column(rows, d -> d.family().name()))
                .bind(2, column(rows, DeviceRow::householdId))
                .bind(3, column(rows, DeviceRow::tokenSha256))
                .then();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }
}
