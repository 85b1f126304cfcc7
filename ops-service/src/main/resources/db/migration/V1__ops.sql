-- Every event seen on the platform's topics, once (the CloudEvents id is the key: redeliveries and
-- replays of the same event change nothing). Payloads are kept as received, even when not JSON.
create table platform_event (
    event_id        uuid                     not null primary key,
    type            text                     not null,
    version         int,
    source          text,
    subject         text,
    tenant          text,
    correlation_id  text,
    causation_id    text,
    occurred_at     timestamp with time zone not null,
    topic           text                     not null,
    kafka_partition int                      not null,
    kafka_offset    bigint                   not null,
    record_key      text,
    payload         text,
    received_at     timestamp with time zone not null default now(),
    seq             bigserial                not null
);
create index platform_event_by_correlation on platform_event (correlation_id, occurred_at);
create index platform_event_by_type on platform_event (type, occurred_at);
create index platform_event_by_tenant on platform_event (tenant, occurred_at);
create index platform_event_by_time on platform_event (occurred_at);
create index platform_event_by_subject on platform_event (subject, occurred_at);

-- Who replayed which dead-lettered message, when, and where it went.
create table dead_letter_replay (
    id                bigserial                not null primary key,
    dlq_topic         text                     not null,
    dlq_partition     int                      not null,
    dlq_offset        bigint                   not null,
    original_topic    text                     not null,
    event_id          text,
    event_type        text,
    replayed_by       text                     not null,
    replayed_at       timestamp with time zone not null,
    mode              text                     not null,
    target_partition  int                      not null,
    target_offset     bigint                   not null
);
create index dead_letter_replay_by_message on dead_letter_replay (dlq_topic, dlq_partition, dlq_offset);
