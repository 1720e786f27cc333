-- Workload identity federation (issue 19). A trust policy is a key without a secret (credential 'federated'): its
-- access policy, lifecycle, limits and audit are a key's. Its trust conditions live beside it.
alter table api_key add column credential varchar(20) default 'api-key' not null;

create table trust_policy (
    key_id            varchar(40)    not null primary key,
    issuer            varchar(500)   not null,
    audience          varchar(500)   not null,
    subject_pattern   varchar(500)   not null,
    -- a JSON object: claim path -> pattern (at most 20 entries)
    required_claims   varchar(16000) not null,
    jwks_uri          varchar(500),
    -- public keys only; at most 64 KiB
    pinned_jwks       varchar(65536),
    created_at        timestamp(6) with time zone not null,
    created_by        varchar(200)   not null,
    constraint fk_trust_policy_key foreign key (key_id) references api_key (id)
);
