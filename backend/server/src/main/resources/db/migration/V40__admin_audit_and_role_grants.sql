-- Who changed whose privileges, when: account creation, role and ward changes, password resets,
-- deactivation, grant requests and approvals, ended sessions, lockouts and unlocks.
-- Append-only like incident_transition: updates, deletes and truncation are refused by the database.
create table admin_audit (
    id      bigserial primary key,
    at      timestamptz not null,
    actor   text not null,
    action  text not null,
    subject text not null,
    detail  text
);
create index admin_audit_at on admin_audit (at desc);
create trigger admin_audit_append_only before update or delete on admin_audit
    for each row execute function anshim_refuse_change();
create trigger admin_audit_no_truncate before truncate on admin_audit
    for each statement execute function anshim_refuse_change();

-- SUPERVISOR and ADMIN take effect only once a supervisor other than the requester (and other than
-- the account itself) approves. A new account asked for with such a role waits unapproved: it
-- cannot sign in until then.
alter table app_user add column approved boolean not null default true;

create table role_grant (
    id           bigserial primary key,
    username     text not null references app_user (username),
    role         text not null check (role in ('SUPERVISOR', 'ADMIN')),
    ward_codes   text[] not null default '{}',
    requested_by text not null,
    requested_at timestamptz not null,
    state        text not null default 'PENDING' check (state in ('PENDING', 'APPROVED', 'WITHDRAWN')),
    decided_by   text,
    decided_at   timestamptz,
    check (decided_by is null or decided_by <> requested_by),
    check (decided_by is null or decided_by <> username)
);
create unique index role_grant_one_pending on role_grant (username) where state = 'PENDING';
