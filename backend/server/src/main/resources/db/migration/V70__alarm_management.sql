-- Alarm management (ISA-18.2 / EEMUA 191): its own append-only audit, flood episodes, shelving.

-- Every alarm-management act: floods entered and left, shelving, its expiry, chatter suppression.
-- Append-only, like incident_transition and admin_audit.
create table alarm_audit (
    id        bigserial primary key,
    at        timestamptz not null,
    actor     text not null,
    action    text not null,
    ward_code varchar(5) references ward (code),
    target    text,
    detail    text
);
create index alarm_audit_at on alarm_audit (at desc);
create trigger alarm_audit_append_only before update or delete on alarm_audit
    for each row execute function anshim_refuse_change();
create trigger alarm_audit_no_truncate before truncate on alarm_audit
    for each statement execute function anshim_refuse_change();

-- A ward's console in flood: more than 10 incidents presented in 10 minutes, until fewer than 5.
create table alarm_flood (
    id            uuid primary key,
    ward_code     varchar(5) not null references ward (code),
    started_at    timestamptz not null,
    ended_at      timestamptz,
    peak_10_min   integer not null
);
create index alarm_flood_ward on alarm_flood (ward_code, started_at);

-- A shelved incident or device: out of the active queue until it is unshelved or expires.
create table alarm_shelf (
    id          uuid primary key,
    target_kind text not null check (target_kind in ('INCIDENT', 'DEVICE')),
    target_id   text not null,
    ward_code   varchar(5) not null references ward (code),
    reason      text not null,
    shelved_by  text not null,
    shelved_at  timestamptz not null,
    expires_at  timestamptz not null,
    ended_at    timestamptz,
    ended_by    text,
    end_kind    text check (end_kind in ('UNSHELVED', 'EXPIRED', 'RETURNED'))
);
create unique index alarm_shelf_one_active on alarm_shelf (target_kind, target_id) where ended_at is null;

-- Who was on which ward's console when: the operator shifts, opened when an operator takes the
-- console (after acknowledging the handover) and closed when they hand it over.
create table console_shift (
    id          uuid primary key,
    username    text not null references app_user (username),
    ward_code   varchar(5) not null references ward (code),
    started_at  timestamptz not null,
    ended_at    timestamptz
);
create index console_shift_ward on console_shift (ward_code, started_at);

-- The chattering measure reads a period's alarm signals by time.
create index device_event_occurred on device_event (occurred_at);

-- A chattering device suppressed into its one incident: its repeats are counted, not presented again.
create table alarm_suppression (
    id          uuid primary key,
    device_id   text not null references device (id),
    incident_id uuid not null references incident (id),
    ward_code   varchar(5) not null references ward (code),
    started_at  timestamptz not null,
    ended_at    timestamptz,
    repeats     integer not null
);
create index alarm_suppression_device on alarm_suppression (device_id, started_at);
