-- Data as the release at schema version 15 left it (session 6's main, before approval requests for accounts):
-- an application, a rotated key family with versioned policies, portal accounts with provenance, approval requests
-- of both kinds that existed then, call and lifecycle events. UpgradeFromPreviousReleaseTest loads it into a V15
-- database, runs today's migrations and checks that every row survives and maps. Portable: H2 and PostgreSQL.
-- When a release is cut, add its own fixture next to this one; keep the old ones (upgrades skip releases).

insert into application (id, name, owner, contact_email, description, status, created_at, created_by, row_version)
values ('app_fixture1', 'shop', 'payments team', 'pay@example.com', 'order mails', 'ACTIVE', timestamp with time zone '2026-11-01 10:00:00+00', 'portal:admin', 0);

-- the bootstrap application and key as the release created them (its key recorded as Sesame's own)
insert into application (id, name, owner, contact_email, description, status, created_at, created_by, row_version)
values ('app_bootstrap', 'sesame-bootstrap', 'sesame', null, 'Created at first start', 'ACTIVE',
        timestamp with time zone '2026-11-01 09:00:00+00', 'system:bootstrap', 0);
insert into api_key (id, application_id, name, secret_hash, status, policy_version, family_id, created_at, created_by, expires_at, row_version)
values ('kfixtureboot000000000003', 'app_bootstrap', 'bootstrap-admin', 'cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22',
        'ACTIVE', 1, 'kfixtureboot000000000003', timestamp with time zone '2026-11-01 09:00:00+00', 'system:bootstrap',
        timestamp with time zone '2027-01-30 09:00:00+00', 0);

insert into api_key (id, application_id, name, secret_hash, status, policy_version, family_id, rotated_from, grace_until,
                     created_at, created_by, expires_at, revoked_at, last_used_at, last_used_ip, last_used_action, row_version,
                     sigv4_secret, expiry_warned_days, unused_flagged_at)
values ('kfixtureold0000000000001', 'app_fixture1', 'orders (old)', 'aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00aa00',
        'ROTATED_IN_GRACE', 2, 'kfixtureold0000000000001', null, timestamp with time zone '2026-11-10 10:00:00+00',
        timestamp with time zone '2026-11-01 10:05:00+00', 'portal:admin', timestamp with time zone '2027-01-30 10:05:00+00',
        null, timestamp with time zone '2026-11-09 08:00:00+00', '198.51.100.7', 'ses:SendEmail', 3, null, null, null),
       ('kfixturenew0000000000002', 'app_fixture1', 'orders', 'bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11bb11',
        'ACTIVE', 2, 'kfixtureold0000000000001', 'kfixtureold0000000000001', null,
        timestamp with time zone '2026-11-09 10:00:00+00', 'portal:second (approved by portal:admin, request 2)',
        timestamp with time zone '2027-01-30 10:05:00+00', null, null, null, null, 0, null, 14, null);

insert into access_policy (key_id, version, permissions, scope_json, created_at, created_by)
values ('kfixtureold0000000000001', 1, 'ses:SendEmail', '{"fromAddresses":["orders@shop.example.com"]}',
        timestamp with time zone '2026-11-01 10:05:00+00', 'portal:admin'),
       ('kfixtureold0000000000001', 2, 'ses:SendEmail,ses:GetAccount', '{"fromAddresses":["orders@shop.example.com"],"maxRecipients":5}',
        timestamp with time zone '2026-11-05 10:00:00+00', 'portal:admin'),
       ('kfixturenew0000000000002', 1, 'ses:SendEmail', '{"fromAddresses":["orders@shop.example.com"]}',
        timestamp with time zone '2026-11-09 10:00:00+00', 'portal:second'),
       ('kfixturenew0000000000002', 2, 'ses:SendEmail,ses:GetAccount', '{"fromAddresses":["orders@shop.example.com"],"maxRecipients":5}',
        timestamp with time zone '2026-11-09 11:00:00+00', 'portal:admin (approving request 3 by portal:second)');

insert into admin_user (username, password_hash, roles, status, failed_logins, locked_until, last_login_at, created_at, row_version,
                        session_epoch, created_by, roles_changed_by)
values ('admin', 'pbkdf2-fixture-not-a-real-hash', 'admin', 'ACTIVE', 0, null, timestamp with time zone '2026-11-09 09:00:00+00',
        timestamp with time zone '2026-11-01 09:00:00+00', 4, 2, null, null),
       ('second', 'pbkdf2-fixture-not-a-real-hash', 'admin,auditor', 'ACTIVE', 0, null, null,
        timestamp with time zone '2026-11-02 09:00:00+00', 1, 0, 'portal:admin', 'portal:admin'),
       ('olduser', 'pbkdf2-fixture-not-a-real-hash', 'admin', 'ACTIVE', 0, null, null,
        timestamp with time zone '2026-11-01 12:00:00+00', 0, 0, null, null);

insert into approval_request (kind, application_id, key_id, key_name, expires_days, policy_json, reason, status, requested_by,
                              requested_at, decided_by, decided_at, decision_note, result_key_id)
values ('ISSUE_KEY', 'app_fixture1', null, 'orders', 60, '{"permissions":["ses:SendEmail"],"scope":{"fromAddresses":["orders@shop.example.com"]}}',
        'rotation by hand', 'ISSUED', 'portal:second', timestamp with time zone '2026-11-09 09:30:00+00', 'portal:admin',
        timestamp with time zone '2026-11-09 09:40:00+00', null, 'kfixturenew0000000000002'),
       ('CHANGE_POLICY', 'app_fixture1', 'kfixturenew0000000000002', null, null,
        '{"permissions":["ses:SendEmail","ses:GetAccount"],"scope":{"fromAddresses":["orders@shop.example.com"],"maxRecipients":5}}',
        null, 'PENDING', 'portal:second', timestamp with time zone '2026-11-09 10:30:00+00', null, null, null, null);

insert into lifecycle_event (occurred_at, actor, action, target_type, target_id, detail, source_ip, request_id, sealed)
values (timestamp with time zone '2026-11-01 09:00:00+00', 'system:bootstrap', 'admin-user.created', 'admin-user', 'admin',
        'bootstrap admin (role admin)', null, null, false),
       (timestamp with time zone '2026-11-01 10:05:00+00', 'portal:admin', 'key.issued', 'api-key', 'kfixtureold0000000000001',
        'application app_fixture1; permissions ses:SendEmail', '203.0.113.1', null, false),
       (timestamp with time zone '2026-11-09 10:00:00+00', 'portal:second (approved by portal:admin, request 2)', 'key.rotated', 'api-key',
        'kfixtureold0000000000001', 'grace until 2026-11-10T10:00:00Z', '203.0.113.2', null, false);

insert into call_event (occurred_at, request_id, application_id, key_id, jti, action, decision, reason_codes, reason_detail,
                        from_address, recipient_count, recipient_domains, recipients, template, configuration_set, transport,
                        ses_message_id, ses_error, client_ip, user_agent, latency_ms, sealed)
values (timestamp with time zone '2026-11-09 08:00:00+00', 'req-fixture-1', 'app_fixture1', 'kfixtureold0000000000001', 'jti-1',
        'ses:SendEmail', 'ALLOWED', null, null, 'orders@shop.example.com', 1, 'example.net', null, null, null, 'sandbox',
        'sandbox-0001', null, '198.51.100.7', 'curl/8', 12, false),
       (timestamp with time zone '2026-11-09 08:01:00+00', 'req-fixture-2', 'app_fixture1', 'kfixtureold0000000000001', 'jti-1',
        'ses:SendEmail', 'DENIED', 'from_not_allowed', 'From other@shop.example.com is not allowed', 'other@shop.example.com', 1,
        'example.net', null, null, null, null, null, null, '198.51.100.7', 'curl/8', null, false);
