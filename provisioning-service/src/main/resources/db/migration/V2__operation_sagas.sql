-- Day-2 operations: an order has one provisioning, at most one decommission, and any number of
-- operation sagas (each under its operation's id, so a repeated command finds its saga by id).
alter table saga drop constraint saga_kind_check;
alter table saga add constraint saga_kind_check check (kind in ('PROVISION', 'DECOMMISSION', 'OPERATION'));
alter table saga drop constraint saga_order_id_kind_key;
create unique index saga_one_per_order_idx on saga (order_id, kind) where kind in ('PROVISION', 'DECOMMISSION');
create index saga_order_idx on saga (order_id, created_at);
