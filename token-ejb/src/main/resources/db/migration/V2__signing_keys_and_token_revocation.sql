-- JWT signing keys: the private JWK is stored sealed (AES-256-GCM under SESAME_SIGNING_ENCRYPTION_KEY).
create table signing_key (
    kid                   varchar(40)   not null primary key,
    algorithm             varchar(10)   not null,
    public_jwk            varchar(4000) not null,
    private_jwk_sealed    varchar(4000) not null,
    created_at            timestamp(6) with time zone not null,
    activates_at          timestamp(6) with time zone not null,
    retires_at            timestamp(6) with time zone,
    expires_at            timestamp(6) with time zone
);

-- Individually revoked access tokens, kept until they would have expired anyway.
create table revoked_token (
    jti          varchar(64)  not null primary key,
    key_id       varchar(40)  not null,
    revoked_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null
);
create index ix_revoked_token_expires on revoked_token (expires_at);

-- Key hygiene: which expiry warning was last sent (days before expiry) and when the key was flagged unused.
alter table api_key add column expiry_warned_days integer;
alter table api_key add column unused_flagged_at timestamp(6) with time zone;
