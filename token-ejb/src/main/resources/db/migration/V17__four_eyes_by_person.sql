-- Four-eyes counts people. Accounts without a recorded maker (from before V15): the ones Sesame's bootstrap created
-- become roots (as new installations record them); any other has an unknown maker, which fails closed.
update admin_user set created_by = 'system:bootstrap'
    where created_by is null and exists (select 1 from lifecycle_event e where e.action = 'admin-user.created'
        and e.actor = 'system:bootstrap' and e.target_type = 'admin-user' and e.target_id = admin_user.username);
update admin_user set created_by = 'legacy:unknown-maker' where created_by is null;
-- A key stands for its maker. The bootstrap key is handed out with the bootstrap admin's password, so it is that
-- admin's (it was recorded as Sesame's own): the bootstrap admin is the first account the bootstrap created.
update api_key set created_by = 'portal:' || coalesce(
        (select min(e.target_id) from lifecycle_event e where e.action = 'admin-user.created' and e.actor = 'system:bootstrap'
            and e.target_type = 'admin-user' and e.id = (select min(f.id) from lifecycle_event f where f.action = 'admin-user.created'
            and f.actor = 'system:bootstrap' and f.target_type = 'admin-user')),
        (select min(username) from admin_user where created_at = (select min(created_at) from admin_user)))
        || ' (bootstrap, issued with the admin''s password)'
    where created_by = 'system:bootstrap' and exists (select 1 from admin_user);
-- A policy request remembers the policy version it was asked against: approving it after the key changed would undo that.
alter table approval_request add column base_policy_version integer;
-- A rotation by someone who does not hold the key's secret issues a new one to them: under four-eyes, a request too.
alter table approval_request add column grace_seconds bigint;
