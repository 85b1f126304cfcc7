-- Day-2 operations on a completed order (resize, extend, power, snapshots): one row each, its own
-- life (approval, then provisioning's saga), its quota growth reserved under its own id until done.
create table order_operation (
    id              uuid primary key,
    order_id        uuid not null references customer_order (id),
    tenant_id       text not null,
    type            text not null check (type in ('RESIZE', 'EXTEND_VOLUME', 'STOP', 'START', 'REBOOT',
                                                  'SNAPSHOT', 'DELETE_SNAPSHOT')),
    target          text not null,
    -- the order's resource as it was when the operation was asked for (JSON of ProvisionedResource)
    target_resource text not null,
    flavor          text,
    vcpus           int,
    ram_gb          int,
    size_gb         int,
    monthly_delta   numeric(14, 2) not null,
    status          text not null check (status in ('PENDING_APPROVAL', 'REJECTED', 'RUNNING', 'COMPLETED',
                                                    'FAILED')),
    requested_by    text not null,
    requested_at    timestamp with time zone not null,
    decided_by      text,
    finished_at     timestamp with time zone,
    reason          text,
    idempotency_key text not null,
    request_hash    text not null,
    version         bigint not null,
    unique (order_id, idempotency_key)
);
-- one operation at a time on an order: the database says so too, whatever two requests race
create unique index order_operation_one_open_idx on order_operation (order_id)
    where status in ('PENDING_APPROVAL', 'RUNNING');
create index order_operation_order_idx on order_operation (order_id, requested_at);

-- an operation's quota growth, once done, joins its order's reservation
alter table quota_reservation drop constraint quota_reservation_state_check;
alter table quota_reservation add constraint quota_reservation_state_check
    check (state in ('HELD', 'COMMITTED', 'RELEASED', 'MERGED'));
