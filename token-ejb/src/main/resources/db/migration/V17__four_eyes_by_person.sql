-- Four-eyes counts people: a key stands for its maker. The bootstrap key is handed out with the bootstrap admin's
-- password, so it is that admin's (it was recorded as Sesame's own); the first account created is the bootstrap admin.
update api_key set created_by = 'portal:' || (select min(username) from admin_user
        where created_at = (select min(created_at) from admin_user)) || ' (bootstrap, issued with the admin''s password)'
    where created_by = 'system:bootstrap' and exists (select 1 from admin_user);
-- A policy request remembers the policy version it was asked against: approving it after the key changed would undo that.
alter table approval_request add column base_policy_version integer;
-- A rotation by someone who does not hold the key's secret issues a new one to them: under four-eyes, a request too.
alter table approval_request add column grace_seconds bigint;
