-- Retention: purging old audit events first records a signed checkpoint (HMAC under a key derived from the
-- server's pepper) of the last chain entry removed, so the remaining chain still verifies from there.
create table audit_checkpoint (
    seq               bigint        not null primary key,
    entry_hash        varchar(64)   not null,
    purged_before     timestamp(6) with time zone not null,
    call_events       bigint        not null,
    lifecycle_events  bigint        not null,
    created_at        timestamp(6) with time zone not null,
    signature         varchar(64)   not null
);
create index ix_audit_chain_sealed_at on audit_chain (sealed_at);
