-- SES outcomes per key and UTC day, from SNS notifications joined to the key through the SES message id.
create table key_reputation_day (
    key_id       varchar(40) not null,
    outcome_day  date        not null,
    sends        bigint      not null,
    deliveries   bigint      not null,
    bounces      bigint      not null,
    complaints   bigint      not null,
    rejects      bigint      not null,
    constraint pk_key_reputation_day primary key (key_id, outcome_day)
);

-- SNS message ids already processed (replays are acknowledged and ignored); kept for two days.
create table sns_message (
    message_id   varchar(100) not null primary key,
    topic_arn    varchar(300) not null,
    message_type varchar(40)  not null,
    received_at  timestamp(6) with time zone not null
);
create index ix_sns_message_received on sns_message (received_at);
