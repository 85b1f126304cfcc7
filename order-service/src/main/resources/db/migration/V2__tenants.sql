-- Organisations that order: ministries and their directorates.
create table tenant (
    id        text primary key,
    name      text not null,
    kind      text not null check (kind in ('MINISTRY', 'DIRECTORATE')),
    parent_id text references tenant (id),
    check ((kind = 'MINISTRY') = (parent_id is null))
);

create table cost_center (
    tenant_id text not null references tenant (id),
    code      text not null,
    name      text not null,
    primary key (tenant_id, code)
);

-- One row per tenant: its limits and what its held and committed reservations use. Placing an order
-- adds to the in-use columns with a conditional update, so two orders never both take the last room.
create table tenant_quota (
    tenant_id            text primary key references tenant (id),
    limit_vcpus          int     not null check (limit_vcpus >= 0),
    limit_ram_gb         int     not null check (limit_ram_gb >= 0),
    limit_volume_gb      int     not null check (limit_volume_gb >= 0),
    limit_instances      int     not null check (limit_instances >= 0),
    limit_floating_ips   int     not null check (limit_floating_ips >= 0),
    monthly_budget       numeric(14, 2) not null check (monthly_budget >= 0),
    used_vcpus           int     not null default 0 check (used_vcpus >= 0),
    used_ram_gb          int     not null default 0 check (used_ram_gb >= 0),
    used_volume_gb       int     not null default 0 check (used_volume_gb >= 0),
    used_instances       int     not null default 0 check (used_instances >= 0),
    used_floating_ips    int     not null default 0 check (used_floating_ips >= 0),
    used_budget          numeric(14, 2) not null default 0 check (used_budget >= 0)
);

-- What each order holds: HELD from placement, COMMITTED once provisioned, RELEASED when it ends.
create table quota_reservation (
    order_id     uuid primary key,
    tenant_id    text not null references tenant (id),
    vcpus        int  not null,
    ram_gb       int  not null,
    volume_gb    int  not null,
    instances    int  not null,
    floating_ips int  not null,
    monthly_amount numeric(14, 2) not null,
    state        text not null check (state in ('HELD', 'COMMITTED', 'RELEASED')),
    updated_at   timestamp with time zone not null
);
create index quota_reservation_tenant_state_idx on quota_reservation (tenant_id, state);

create table approval_policy (
    tenant_id                 text primary key references tenant (id),
    auto_approve_below        numeric(14, 2) not null check (auto_approve_below >= 0),
    auto_approve_categories   text[]  not null,
    two_approvals_above       numeric(14, 2) not null check (two_approvals_above >= 0),
    escalate_after_seconds    bigint  not null check (escalate_after_seconds > 0),
    expire_after_seconds      bigint  not null check (expire_after_seconds > 0),
    check (expire_after_seconds > escalate_after_seconds)
);

-- The demo organisations: the interior ministry's directorates and one other ministry.
insert into tenant (id, name, kind, parent_id) values
    ('interieur', 'Ministère de l''Intérieur', 'MINISTRY', null),
    ('police', 'Direction générale de la Police nationale', 'DIRECTORATE', 'interieur'),
    ('secciv', 'Direction générale de la Sécurité civile et de la gestion des crises', 'DIRECTORATE', 'interieur'),
    ('dsic', 'Direction du numérique', 'DIRECTORATE', 'interieur'),
    ('justice', 'Ministère de la Justice', 'MINISTRY', null);

insert into cost_center (tenant_id, code, name) values
    ('interieur', 'INT-000', 'Cabinet'),
    ('police', 'POL-001', 'Systèmes d''information opérationnels'),
    ('police', 'POL-002', 'Formation'),
    ('secciv', 'SEC-001', 'Gestion de crise'),
    ('dsic', 'DSIC-001', 'Socle numérique'),
    ('justice', 'JUS-001', 'Secrétariat général');

insert into tenant_quota (tenant_id, limit_vcpus, limit_ram_gb, limit_volume_gb, limit_instances, limit_floating_ips, monthly_budget) values
    ('interieur', 16, 64, 1000, 8, 2, 2000.00),
    ('police', 200, 800, 20000, 100, 20, 25000.00),
    ('secciv', 64, 256, 5000, 32, 8, 8000.00),
    ('dsic', 400, 1600, 50000, 200, 40, 50000.00),
    ('justice', 100, 400, 10000, 50, 10, 12000.00);

insert into approval_policy (tenant_id, auto_approve_below, auto_approve_categories, two_approvals_above, escalate_after_seconds, expire_after_seconds) values
    ('interieur', 0.00, '{}', 1000.00, 172800, 604800),
    ('police', 50.00, '{}', 1000.00, 172800, 604800),
    ('secciv', 50.00, '{}', 1000.00, 172800, 604800),
    ('dsic', 100.00, '{COMPUTE}', 2000.00, 172800, 604800),
    ('justice', 0.00, '{}', 500.00, 172800, 604800);
