-- Shift handover: the outgoing operator's generated summary and note; the incoming operator must
-- acknowledge it before taking the ward's console. Rows are only ever acknowledged, never removed.
create table handover (
    id              uuid primary key,
    ward_code       varchar(5) not null references ward (code),
    outgoing        text not null references app_user (username),
    created_at      timestamptz not null,
    summary         jsonb not null,
    note            text not null,
    acknowledged_by text references app_user (username),
    acknowledged_at timestamptz
);
create index handover_pending on handover (ward_code) where acknowledged_at is null;
create trigger handover_no_delete before delete on handover
    for each row execute function anshim_refuse_change();
