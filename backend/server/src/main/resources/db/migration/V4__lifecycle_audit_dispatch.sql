-- Incident lifecycle: call status, outcome, and an append-only audit of every change.
alter table incident
    add column call_112  text not null default 'NOT_REQUESTED',
    add column callback  text not null default 'NOT_TRIED',
    add column outcome   text,
    add column closed_at timestamptz;

-- Every change of state, call status, dispatch and note: who, when, from, to, why.
-- Append-only: updates, deletes and truncation are refused by the database itself.
create table incident_transition (
    id          bigserial primary key,
    incident_id uuid not null references incident (id),
    at          timestamptz not null,
    actor       text not null,
    kind        text not null check (kind in ('STATUS', 'CALL_112', 'CALLBACK', 'NOTE', 'DISPATCH')),
    from_state  text,
    to_state    text,
    note        text
);
create index incident_transition_incident on incident_transition (incident_id, id);

create function anshim_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger incident_transition_append_only before update or delete on incident_transition
    for each row execute function anshim_refuse_change();
create trigger incident_transition_no_truncate before truncate on incident_transition
    for each statement execute function anshim_refuse_change();

-- A dispatch: alarm-triggered dispatches are free; one the resident requested costs
-- 25,000 won unless a crime risk was confirmed (Seoul door-guard programme, 2022).
create table dispatch (
    id                   uuid primary key,
    incident_id          uuid not null references incident (id),
    responder_id         text not null,
    at                   timestamptz not null,
    actor                text not null,
    trigger              text not null check (trigger in ('ALARM', 'RESIDENT_REQUEST')),
    crime_risk_confirmed boolean not null,
    fee_won              integer not null check (fee_won >= 0)
);
create index dispatch_incident on dispatch (incident_id);
