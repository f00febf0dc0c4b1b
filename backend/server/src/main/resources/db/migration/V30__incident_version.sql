-- Every change of an incident bumps its version (made by the one writer, the journal's serial stage),
-- so a screen can tell an older state from a newer one whatever order they arrive in, and the live
-- feed can send a snapshot and then only what changed after it.
alter table incident add column version bigint not null default 0;
