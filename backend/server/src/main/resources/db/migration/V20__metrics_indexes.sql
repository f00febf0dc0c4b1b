-- Response-time reports and workload read incidents by period, keyset-paged by (opened_at, id),
-- and the queue also needs those closed after a period's start.
create index incident_opened on incident (opened_at, id);
create index incident_closed on incident (closed_at);
