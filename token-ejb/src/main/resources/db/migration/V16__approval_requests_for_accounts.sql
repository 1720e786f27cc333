-- Four-eyes also holds up creating and elevating portal accounts: such a request names an account and its roles,
-- and has no application or policy.
alter table approval_request alter column application_id drop not null;
alter table approval_request alter column policy_json drop not null;
alter table approval_request add column username varchar(100);
alter table approval_request add column roles varchar(100);
