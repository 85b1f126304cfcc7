-- order-service's replica of the catalogue, fed by the compacted topic picloud.catalog.offerings
create table offering_replica (
    offering_id     uuid                     primary key,
    revision        bigint                   not null,
    code            text                     not null,
    status          text                     not null,
    state           text                     not null,
    source_event_id uuid                     not null,
    replicated_at   timestamp with time zone not null
);
