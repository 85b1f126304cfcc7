-- the service that placed an order on its requester's behalf (migration-service for a wave's order); null when
-- the requester placed it in the portal
alter table customer_order add column placed_by text;
