-- Replicas of what other services publish -------------------------------------------------------

-- Every price version of every offering (picloud.catalog.offerings); older revisions are ignored.
create table offering_prices (
    offering_id  uuid primary key,
    revision     bigint not null,
    code         text   not null,
    price_lists  jsonb  not null,
    replicated_at timestamp with time zone not null
);

-- Ministries and directorates with their cost centres and budgets (picloud.tenants).
create table tenant_replica (
    tenant_id      text primary key,
    revision       bigint not null,
    name           text   not null,
    kind           text   not null,
    parent_id      text,
    cost_centers   jsonb  not null,
    monthly_budget numeric(14, 2) not null
);

-- Metering ---------------------------------------------------------------------------------------

-- What billing knows of an order, merged from picloud.orders and picloud.provisioning.outcomes in
-- whatever order they arrive: each column is filled once (coalesce) or keeps the earliest instant.
create table billed_order (
    order_id          uuid primary key,
    tenant            text,
    offering_id       uuid,
    offering_code     text,
    cost_center       text,
    requester         text,
    saga_id           uuid,
    completed_at      timestamp with time zone,
    decommissioned_at timestamp with time zone,
    touched_at        timestamp with time zone not null
);
create index billed_order_tenant_idx on billed_order (tenant);

-- One resource of an order: usage runs from started_at (ready) to the earliest of ended_at and the
-- order's decommissioned_at. The event ids that opened and closed it explain a disputed line.
create table metered_resource (
    order_id    uuid not null,
    resource_id text not null,
    name        text not null,
    kind        text not null,
    flavor      text,
    vcpus       int,
    ram_gb      int,
    size_gb     int,
    address     text,
    started_at  timestamp with time zone,
    ended_at    timestamp with time zone,
    opened_by   uuid,
    closed_by   uuid,
    touched_at  timestamp with time zone not null,
    primary key (order_id, resource_id)
);
create index metered_resource_started_idx on metered_resource (started_at);
create index metered_resource_touched_idx on metered_resource (touched_at);

-- Periods and statements -------------------------------------------------------------------------

-- A period has a row once closed; an absent period is open.
create table billing_period (
    period         text primary key,
    closed_at      timestamp with time zone not null,
    closed_by      text not null,
    platform_total numeric(16, 2) not null,
    line_count     int not null
);

-- statement and statement_line rows are written only by a closing, in the transaction that inserts
-- the billing_period row: no foreign key, so a month of lines is not checked row by row.
create table statement (
    period     text not null,
    tenant     text not null,
    total      numeric(16, 2) not null,
    line_count int not null,
    primary key (period, tenant)
);

create table statement_line (
    id               uuid primary key,
    period           text not null,
    kind             text not null check (kind in ('USAGE', 'ADJUSTMENT')),
    tenant           text not null,
    cost_center      text,
    order_id         uuid not null,
    saga_id          uuid,
    offering_id      uuid,
    offering_code    text,
    resource_id      text,
    resource_name    text,
    resource_kind    text,
    unit             text not null,
    quantity         numeric not null,
    usage_from       timestamp with time zone not null,
    usage_to         timestamp with time zone not null,
    seconds          bigint not null,
    price_version    int not null,
    unit_price       numeric not null,
    exact_amount     numeric not null,
    amount           numeric(16, 2) not null,
    corrects_period  text,
    corrects_line_id uuid
);
create index statement_line_period_tenant_idx on statement_line (period, tenant);
-- only adjustments correct a period: a partial index costs nothing for the usage lines of a closing
create index statement_line_corrects_idx on statement_line (corrects_period) where corrects_period is not null;

-- Closed statements are never rewritten: the database refuses it too.
create function refuse_closed_statement_change() returns trigger language plpgsql as $$
begin
    raise exception 'closed statements are immutable (% on %)', tg_op, tg_table_name;
end $$;
create trigger statement_line_immutable before update or delete on statement_line
    for each row execute function refuse_closed_statement_change();
create trigger statement_immutable before update or delete on statement
    for each row execute function refuse_closed_statement_change();

-- Usage the price book cannot price, held aside until it can (resolved_at set then).
create table unpriced_usage (
    order_id    uuid not null,
    resource_id text not null, -- '' for a setup fee
    period      text not null,
    tenant      text,
    reason      text not null,
    first_seen  timestamp with time zone not null,
    last_seen   timestamp with time zone not null,
    resolved_at timestamp with time zone,
    primary key (order_id, resource_id, period)
);

-- Budget alerts: at most one per tenant, month and threshold.
create table budget_alert (
    tenant            text not null,
    period            text not null,
    threshold_percent int  not null,
    budget            numeric(14, 2) not null,
    month_to_date     numeric(16, 2) not null,
    projected         numeric(16, 2) not null,
    crossed_at        timestamp with time zone not null,
    primary key (tenant, period, threshold_percent)
);
