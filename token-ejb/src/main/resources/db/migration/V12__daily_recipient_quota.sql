-- Recipients per key and UTC day, beside messages: SES's own daily sending quota counts recipients, so a key's
-- recipient quota (scope.dailyRecipientQuota) is what bounds its share of it.
alter table daily_usage add column recipients bigint default 0 not null;
