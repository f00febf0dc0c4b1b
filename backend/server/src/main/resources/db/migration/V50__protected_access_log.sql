-- Every unmasked read of a protected person's record (a stalking victim, a person under police
-- protection): who, when, which household, which incident. Supervisors review it on screen.
-- Append-only like incident_transition (V4): updates, deletes and truncation are refused.
create table protected_access (
    id           bigserial primary key,
    at           timestamptz not null,
    reader       text not null,
    role         text,
    household_id text not null,
    incident_id  uuid not null
);
create index protected_access_incident on protected_access (incident_id);

create trigger protected_access_append_only before update or delete on protected_access
    for each row execute function anshim_refuse_change();
create trigger protected_access_no_truncate before truncate on protected_access
    for each statement execute function anshim_refuse_change();
