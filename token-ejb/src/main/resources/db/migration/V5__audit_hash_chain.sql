-- Tamper evidence: finished audit events are sealed, in batches, into one hash chain. Each entry holds the
-- SHA-256 of its event's content and of the previous entry; editing or deleting an event, or an entry, breaks
-- the chain at that point (GET /api/v1/admin/audit/verify).
create table audit_chain (
    seq            bigint        not null primary key,
    event_type     varchar(20)   not null,
    event_id       bigint        not null,
    content_hash   varchar(64)   not null,
    prev_hash      varchar(64)   not null,
    entry_hash     varchar(64)   not null,
    sealed_at      timestamp(6) with time zone not null,
    constraint uq_audit_chain_event unique (event_type, event_id)
);

alter table call_event add column sealed boolean default false not null;
alter table lifecycle_event add column sealed boolean default false not null;
create index ix_call_event_unsealed on call_event (sealed, id);
create index ix_lifecycle_event_unsealed on lifecycle_event (sealed, id);
