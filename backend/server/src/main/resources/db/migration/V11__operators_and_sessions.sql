-- People who use the screens. Passwords only as BCrypt hashes. A ward operator works one or more
-- wards; a police liaison the wards of a police station; a supervisor every ward; an admin
-- manages users and devices and sees no incidents.
create table app_user (
    username      text primary key,
    display_name  text not null,
    password_hash text not null,
    role          text not null check (role in ('OPERATOR', 'POLICE_LIAISON', 'SUPERVISOR', 'ADMIN')),
    ward_codes    text[] not null default '{}',
    active        boolean not null default true
);

-- Sign-in sessions of the screens: only a digest of the token is stored.
create table user_session (
    token_sha256 char(64) primary key,
    username     text not null references app_user (username),
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index user_session_user on user_session (username);
