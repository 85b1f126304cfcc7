-- What the requester sees of each saga of an order (building it, a day-2 operation, taking it down):
-- provisioning's saga events folded into one row per saga, the steps as a JSON array in the saga's order.
create table saga_progress (
    saga_id    uuid primary key,
    order_id   uuid not null,
    kind       text,
    phase      text not null check (phase in ('RUNNING', 'COMPLETED', 'COMPENSATING', 'COMPENSATED')),
    steps      text not null,
    started_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint not null
);
create index saga_progress_order_idx on saga_progress (order_id, started_at);
