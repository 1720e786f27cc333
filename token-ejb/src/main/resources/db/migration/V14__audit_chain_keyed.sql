-- Entries sealed from now on are keyed (version 2: HMAC-SHA-256 under a key derived from the pepper, which the
-- database does not hold); earlier entries stay version 1 and verify as they were sealed.
alter table audit_chain add column hash_version int default 1 not null;
