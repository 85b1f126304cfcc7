-- One row per saga: an order's provisioning, or its decommission.
create table saga (
    id               uuid primary key,
    order_id         uuid not null,
    tenant           text not null,
    kind             text not null check (kind in ('PROVISION', 'DECOMMISSION')),
    status           text not null check (status in ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED')),
    offering_id      uuid,
    quota            text,
    failed_step      text,
    reason           text,
    requested_action text check (requested_action in ('RETRY', 'COMPENSATE')),
    created_at       timestamp with time zone not null,
    deadline         timestamp with time zone,
    finished_at      timestamp with time zone,
    updated_at       timestamp with time zone not null,
    -- a repeated command finds the saga it already started
    unique (order_id, kind)
);
create index saga_status_idx on saga (status, created_at desc);

-- The step log: each step's plan, status, the resource the cloud made for it and its last error.
create table saga_step (
    saga_id     uuid not null references saga (id),
    ordinal     int  not null,
    name        text not null,
    kind        text not null,
    plan        text not null,
    status      text not null,
    resource    text,
    attempts    int  not null,
    started_at  timestamp with time zone,
    finished_at timestamp with time zone,
    last_error  text,
    primary key (saga_id, ordinal),
    unique (saga_id, name)
);

-- Every operator action, who asked and when.
create table saga_audit (
    id      bigserial primary key,
    saga_id uuid not null references saga (id),
    actor   text not null,
    action  text not null,
    at      timestamp with time zone not null
);
create index saga_audit_saga_idx on saga_audit (saga_id, at);

-- db-scheduler's table (its documented PostgreSQL schema): one row per saga's next run.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
