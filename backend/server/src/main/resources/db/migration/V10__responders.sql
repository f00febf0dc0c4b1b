-- Responders: police patrol cars (from police stations) and private security guard teams (from
-- guard posts). Positions live in memory only; the status, and the incident a responder is
-- assigned to, are stored so a restart does not forget who is out on a call.
create table responder (
    id                text primary key,
    kind              text not null check (kind in ('POLICE_PATROL', 'SECURITY_GUARD')),
    call_sign         text not null,
    base_name         text not null,
    ward_code         varchar(5) not null references ward (code),
    base_latitude     double precision not null,
    base_longitude    double precision not null,
    status            text not null default 'AVAILABLE'
                      check (status in ('AVAILABLE', 'DISPATCHED', 'EN_ROUTE', 'ON_SCENE', 'RETURNING', 'OFF_DUTY')),
    -- No foreign key: incidents are written in batches by the journal, and a responder row must
    -- never wait for (or block) that write.
    incident_id       uuid,
    status_changed_at timestamptz
);
create index responder_ward on responder (ward_code);
