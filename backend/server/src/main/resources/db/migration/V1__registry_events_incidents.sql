-- Ward facts come from shared/data/seoul-districts.csv (see README for sources and attribution).
create table ward (
    code                     varchar(5) primary key,
    name_ko                  text not null,
    name_en                  text not null,
    latitude                 double precision not null,
    longitude                double precision not null,
    single_person_households integer not null,
    police_stations          text not null
);

create table household (
    id               text primary key,
    ward_code        varchar(5) not null references ward (code),
    latitude         double precision not null,
    longitude        double precision not null,
    protected_person boolean not null default false,
    contact_name     text,
    contact_phone    text,
    address          text
);
create index household_ward on household (ward_code);

create table device (
    id            text primary key,
    family        text not null check (family in ('DOOR_CAMERA', 'EMERGENCY_BELL', 'DOOR_LOCK', 'SOS_BUTTON')),
    household_id  text not null references household (id),
    token_sha256  char(64) not null,
    revoked       boolean not null default false,
    registered_at timestamptz not null default now(),
    last_seen_at  timestamptz
);
create index device_household on device (household_id);

-- Every accepted device event, stored before it is acknowledged. The device chooses event_id,
-- so a resend after a lost acknowledgement hits the primary key and is answered as a duplicate.
create table device_event (
    event_id    uuid primary key,
    device_id   text not null references device (id),
    type        text not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    payload     jsonb not null,
    incident_id uuid
);
create index device_event_incident on device_event (incident_id);
create index device_event_device_time on device_event (device_id, occurred_at);

create table incident (
    id             uuid primary key,
    ward_code      varchar(5) not null references ward (code),
    household_id   text references household (id),
    kind           text not null,
    severity       text not null,
    score          integer not null,
    status         text not null,
    family         text not null,
    last_signal    text not null,
    signals        integer not null,
    latitude       double precision not null,
    longitude      double precision not null,
    opened_at      timestamptz not null,
    updated_at     timestamptz not null,
    last_signal_at timestamptz not null,
    reasons        jsonb not null,
    signal_types   jsonb not null,
    device_ids     jsonb not null,
    protected_person boolean not null
);
create index incident_open on incident (status, ward_code);
