-- The price-range facet of a search (docs/catalog-search.md). An offering has rates per unit, not one
-- price: its reference price is the monthly quote of an order with its schema's defaults (else the
-- first value of an enum, else the minimum), at the price list in force. The service writes it with
-- every change to the offering, and again on the day a later price list comes into force.
alter table offering
    -- null when the offering has no price in force or its defaults cannot be priced
    add column monthly_price numeric(12, 2) check (monthly_price >= 0),
    -- the first day a later price list is in force: on that day the service computes the price again
    add column price_changes_on date;

-- the rows already there have no reference price yet: due today, the service computes it at start
update offering set price_changes_on = date '1970-01-01';
create index offering_price_changes_on_idx on offering (price_changes_on) where price_changes_on is not null;

-- V3's indexes again, with the price: browsing a price range, and its facet counts, stay index-only
drop index offering_status_category_idx;
drop index offering_status_provider_idx;
create index offering_status_category_idx on offering (status, category, code)
    include (provider_id, tags, id, monthly_price);
create index offering_status_provider_idx on offering (status, provider_id, code)
    include (category, tags, id, monthly_price);
