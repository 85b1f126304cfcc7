-- An order's end date (an offering's policy may require one): reminders before it, an automatic
-- decommission at it, one extension by its owner (a SET_EXPIRY operation).
alter table customer_order add column ends_at timestamp with time zone;
alter table customer_order add column end_extended boolean not null default false;
-- the smallest reminder threshold, in days before ends_at, already sent for the current end date
alter table customer_order add column end_reminded_days int;
-- what the end-date sweep reads: completed orders by end date
create index customer_order_ends_at_idx on customer_order (ends_at) where status = 'COMPLETED' and ends_at is not null;

alter table order_operation drop constraint order_operation_type_check;
alter table order_operation add constraint order_operation_type_check
    check (type in ('RESIZE', 'EXTEND_VOLUME', 'STOP', 'START', 'REBOOT', 'SNAPSHOT', 'DELETE_SNAPSHOT',
                    'SET_EXPIRY'));
-- SET_EXPIRY acts on the order itself: no target resource
alter table order_operation alter column target drop not null;
alter table order_operation alter column target_resource drop not null;
alter table order_operation add column ends_at timestamp with time zone;
-- the end date asked for at placement, as the request was (its idempotency fingerprint covers it)
alter table customer_order add column requested_ends_at timestamp with time zone;
