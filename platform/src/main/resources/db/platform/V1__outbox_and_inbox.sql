-- Outbox: Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc 2.0).
create table if not exists event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

-- Inbox: ids of the events each consumer has processed, written with the event's effect.
create table processed_event (
    consumer     text                     not null,
    event_id     uuid                     not null,
    processed_at timestamp with time zone not null default now(),
    primary key (consumer, event_id)
);
