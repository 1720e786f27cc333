-- The SigV4 secret issued with each key for the SES-compatible endpoint, sealed with AES-256-GCM under
-- sesame.signing.encryption-key (associated data: the key id). Keys issued before this version have none.
alter table api_key add column sigv4_secret varchar(300);
