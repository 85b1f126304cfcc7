-- The inventory: one row per legacy application, its declared facts as a JSON document.
create table application (
    id          text primary key,
    tenant      text                     not null,
    body        jsonb                    not null,
    imported_at timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

-- The assessment's weights and rules: every edit is a new version, the highest is in force.
create table scoring_model (
    version    integer primary key,
    body       jsonb                    not null,
    created_at timestamp with time zone not null,
    created_by text                     not null
);

-- The catalogue as its compacted topic tells it: what applications can be moved to, and its prices.
create table offering_replica (
    offering_id uuid primary key,
    code        text   not null,
    status      text   not null,
    revision    bigint not null,
    state       jsonb  not null
);
create index offering_replica_code on offering_replica (code);

-- Every plan asked for, in full (waves, and why each application is in or out), by version.
create table wave_plan (
    version    integer primary key,
    created_at timestamp with time zone not null,
    created_by text                     not null,
    request    jsonb                    not null,
    body       jsonb                    not null
);

-- A wave belongs to the plan that created it; a launched wave is carried over by later plans.
create table wave (
    id           uuid primary key,
    plan_version integer                  not null references wave_plan (version),
    number       integer                  not null,
    start_date   date                     not null,
    end_date     date                     not null,
    status       text                     not null check (status in ('PLANNED', 'LAUNCHED')),
    launched_at  timestamp with time zone,
    launched_by  text
);

create table plan_wave (
    plan_version integer not null references wave_plan (version),
    wave_id      uuid    not null references wave (id),
    primary key (plan_version, wave_id)
);

-- Each application of a wave, what it moves to and where its move stands.
create table wave_member (
    wave_id        uuid                     not null references wave (id),
    application_id text                     not null,
    position       integer                  not null,
    name           text                     not null,
    reason         text                     not null,
    combined_score double precision         not null,
    sizing_notes   jsonb                    not null,
    tenant         text                     not null,
    cost_center    text,
    offering_id    uuid                     not null,
    offering_code  text                     not null,
    parameters     jsonb                    not null,
    vcpus          integer                  not null,
    cost_before    numeric(14, 2)           not null,
    cost_after     numeric(14, 2)           not null,
    status         text                     not null
        check (status in ('PLANNED', 'PROVISIONING', 'READY_FOR_CUTOVER', 'MIGRATED', 'FAILED')),
    order_id       uuid unique,
    order_status   text,
    failure_reason text,
    updated_at     timestamp with time zone not null,
    primary key (wave_id, application_id)
);
create index wave_member_application on wave_member (application_id);
