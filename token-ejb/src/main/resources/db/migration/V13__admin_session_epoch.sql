-- Portal sessions follow their account: disabling it, changing its roles or its password moves the epoch on, and a
-- session signed in under an older epoch ends on its next request (on every instance: the epoch is in the database).
alter table admin_user add column session_epoch bigint default 0 not null;
