-- Who created a portal account and who last changed its roles: an approver may not be an account the requester
-- created or elevated (four-eyes would otherwise be one person with a second account).
alter table admin_user add column created_by varchar(200);
alter table admin_user add column roles_changed_by varchar(200);
