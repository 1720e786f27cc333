-- Email templates of the built-in sandbox transport (with the aws transport, SES keeps them).
create table sandbox_template (
    name         varchar(64)    not null primary key,
    subject      varchar(2000)  not null,
    text_part    varchar(65535),
    html_part    varchar(65535),
    created_at   timestamp(6) with time zone not null,
    updated_at   timestamp(6) with time zone not null
);
