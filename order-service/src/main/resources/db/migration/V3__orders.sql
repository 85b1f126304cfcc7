-- "order" is an SQL keyword
create table customer_order (
    id                 uuid primary key,
    tenant_id          text not null references tenant (id),
    requester          text not null,
    idempotency_key    text not null,
    request_hash       text not null,
    offering_id        uuid not null,
    offering_code      text not null,
    category           text not null,
    cost_center        text not null,
    justification      text,
    parameters         text not null,
    bound_template     text not null,
    quote              text not null,
    monthly_total      numeric(14, 2) not null,
    required_approvals int  not null,
    approvers          text[] not null,
    status             text not null,
    resources          text,
    placed_at          timestamp with time zone not null,
    escalate_at        timestamp with time zone not null,
    expire_at          timestamp with time zone not null,
    escalated_at       timestamp with time zone,
    updated_at         timestamp with time zone not null,
    unique (tenant_id, requester, idempotency_key),
    foreign key (tenant_id, cost_center) references cost_center (tenant_id, code)
);
create index customer_order_tenant_status_idx on customer_order (tenant_id, status, placed_at desc);
create index customer_order_pending_idx on customer_order (expire_at) where status = 'PENDING_APPROVAL';

-- Every transition and decision, with who, when and why: the order's audit trail.
create table order_timeline (
    order_id    uuid not null references customer_order (id),
    seq         int  not null,
    at          timestamp with time zone not null,
    actor       text not null,
    action      text not null,
    from_status text,
    to_status   text not null,
    reason      text,
    primary key (order_id, seq)
);
