-- the orders launched migration waves ask for, each for its tenant, replicated from picloud.migration.waves:
-- an order requested on picloud.orders.requests is placed only if a launched wave names it for that tenant
create table wave_order (
    order_id       uuid primary key,
    wave_id        uuid not null,
    tenant_id      text not null,
    application_id text not null
);
