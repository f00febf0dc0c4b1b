-- Issue 13: a door camera's still image of one of its own stored alarms, kept with the alarm and its
-- incident. One image per alarm, JPEG only (checked by content before the insert), at most 256 KiB:
-- the database refuses anything larger itself.
create table event_snapshot (
    event_id    uuid primary key references device_event (event_id),
    incident_id uuid references incident (id),
    device_id   text not null references device (id),
    received_at timestamptz not null,
    sha256      char(64) not null,
    jpeg        bytea not null,
    constraint event_snapshot_size check (octet_length(jpeg) between 4 and 262144)
);
create index event_snapshot_incident on event_snapshot (incident_id);

create trigger event_snapshot_append_only before update or delete on event_snapshot
    for each row execute function anshim_refuse_change();

-- The access log says what was read unmasked: a record (name, phone, address), a snapshot, an export.
alter table protected_access add column what text not null default 'RECORD'
    check (what in ('RECORD', 'SNAPSHOT', 'EXPORT'));
