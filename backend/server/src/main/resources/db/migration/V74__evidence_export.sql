-- Issue 13: every evidence export of an incident (a ZIP for police or a review): who, role, when,
-- masked or not, how many files, the ZIP's SHA-256. Append-only like the other audit tables.
create table evidence_export (
    id          bigserial primary key,
    at          timestamptz not null,
    exporter    text not null,
    role        text not null,
    incident_id uuid not null references incident (id),
    masked      boolean not null,
    files       integer not null,
    zip_sha256  char(64) not null
);
create index evidence_export_incident on evidence_export (incident_id);

create trigger evidence_export_append_only before update or delete on evidence_export
    for each row execute function anshim_refuse_change();
create trigger evidence_export_no_truncate before truncate on evidence_export
    for each statement execute function anshim_refuse_change();
