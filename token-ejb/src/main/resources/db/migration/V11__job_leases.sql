-- Scheduled jobs that must run once across instances take a lease here first (one row per job).
create table job_lease (
    name        varchar(60)  not null primary key,
    holder      varchar(120) not null,
    lease_until timestamp(6) with time zone not null
);
