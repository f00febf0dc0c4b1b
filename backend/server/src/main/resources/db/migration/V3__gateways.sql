-- Gateways relay events for many devices over one connection (a building hub, the simulator).
-- ward_codes limits which wards' devices a gateway may relay for; null means every ward.
create table gateway (
    id           text primary key,
    token_sha256 char(64) not null,
    revoked      boolean not null default false,
    ward_codes   text[]
);
