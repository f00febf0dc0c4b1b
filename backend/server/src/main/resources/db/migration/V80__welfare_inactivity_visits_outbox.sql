-- Welfare services (issue 14): the inactivity check (똑똑문안서비스), visiting-staff safety timers,
-- the community-centre officer role, and the outbox of officer notifications.

-- Activity summaries come from a device family of their own (the carrier's feed or the person's app).
alter table device drop constraint device_family_check;
alter table device add constraint device_family_check
    check (family in ('DOOR_CAMERA', 'EMERGENCY_BELL', 'DOOR_LOCK', 'SOS_BUTTON', 'ACTIVITY_SUMMARY'));

-- 동주민센터 공무원 / 복지플래너: scoped to their wards and their own people.
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
    check (role in ('OPERATOR', 'POLICE_LIAISON', 'SUPERVISOR', 'ADMIN', 'OFFICER'));

-- One enrolled person per (single-person) household; the threshold is set per person, 1 to 5 days.
-- alert_level: 0 none, 1 threshold passed, 2 a further day unanswered; reset by new activity.
create table welfare_enrolment (
    household_id     text primary key references household (id),
    device_id        text not null references device (id),
    dong             text not null,
    threshold_days   integer not null check (threshold_days between 1 and 5),
    officer          text not null,
    enrolled_at      timestamptz not null,
    last_activity_at timestamptz,
    alert_level      integer not null default 0 check (alert_level between 0 and 2),
    answered         boolean not null default false
);
create index welfare_enrolment_officer on welfare_enrolment (officer);

-- Officers' contact points for notifications; neither is required (the logging adapter then).
create table welfare_officer_contact (
    username text primary key,
    phone    text,
    email    text
);

-- Every activity summary, stored before it is acknowledged; the sender chooses event_id.
create table activity_summary (
    event_id         uuid primary key,
    device_id        text not null references device (id),
    household_id     text not null references household (id),
    occurred_at      timestamptz not null,
    last_activity_at timestamptz not null,
    received_at      timestamptz not null,
    payload          jsonb not null
);
create index activity_summary_household on activity_summary (household_id, occurred_at);

-- One row per welfare alert (an inactivity threshold passed, a visit overdue or in panic): when it
-- was due, when the officer first reached out and when they recorded the outcome, for the metrics.
create table welfare_alert (
    incident_id      uuid primary key,
    kind             text not null check (kind in ('INACTIVITY', 'VISIT')),
    household_id     text not null references household (id),
    ward_code        varchar(5) not null references ward (code),
    officer          text,
    due_at           timestamptz not null,
    raised_at        timestamptz not null,
    first_contact_at timestamptz,
    first_contact_by text,
    outcome          text,
    outcome_at       timestamptz,
    outcome_by       text
);
create index welfare_alert_ward on welfare_alert (ward_code, raised_at);

create table welfare_visit (
    id                 uuid primary key,
    household_id       text not null references household (id),
    ward_code          varchar(5) not null references ward (code),
    team               text[] not null check (cardinality(team) = 2),
    team_phone         text,
    registered_by      text not null,
    started_at         timestamptz not null,
    expected_return_at timestamptz not null check (expected_return_at > started_at),
    status             text not null check (status in ('OUT', 'OVERDUE', 'OVERDUE_POLICE', 'PANIC', 'CHECKED_IN')),
    checked_in_at      timestamptz,
    latitude           double precision,
    longitude          double precision,
    position_at        timestamptz,
    incident_id        uuid
);
create index welfare_visit_open on welfare_visit (status, ward_code);

-- The outbox: every notification kept with its delivery state. A message is claimed (SENDING, with a
-- lease) before an adapter sees it, so two dispatchers never send one message; an expired lease
-- (a crash mid-send) is retried with the same id, which adapters pass on as an idempotency key.
create table outbox_message (
    id              uuid primary key,
    created_at      timestamptz not null,
    channel         text not null check (channel in ('SMS', 'EMAIL', 'LOG')),
    recipient       text not null,
    subject         text not null,
    body            text not null,
    incident_id     uuid,
    state           text not null check (state in ('PENDING', 'SENDING', 'SENT', 'GAVE_UP')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz
);
create index outbox_due on outbox_message (state, next_attempt_at);
