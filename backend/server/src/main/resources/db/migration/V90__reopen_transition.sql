-- A person may take a resolved or false-alarm incident back within a grace period (issue 11, finding 4):
-- audited as its own kind, REOPEN, from the status it ended in, by whom and why.
alter table incident_transition drop constraint incident_transition_kind_check;
alter table incident_transition add constraint incident_transition_kind_check
    check (kind in ('STATUS', 'CALL_112', 'CALLBACK', 'NOTE', 'DISPATCH', 'REOPEN'));

-- The recently closed incidents of a ward, newest first (the console's reopen list).
create index incident_closed_recently on incident (ward_code, closed_at desc) where closed_at is not null;
