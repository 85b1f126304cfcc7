-- The in-memory search index of each instance (OfferingIndex) follows the table by revision
-- (docs/catalog-search.md): every row carries the catalogue revision its change committed under, so
-- an index at revision R catches up by reading the rows with change_revision > R.
--
-- A row's revision must never be lower than one a reader has already passed. The catalogue's writers
-- already serialise on the catalog_revision row (V2's statement trigger updates it); the row trigger
-- below takes that lock before it stamps the row, so a writer stamps with the revision left by the
-- last writer to commit, plus one, which its own statement trigger then raises the catalogue to. A
-- reader that sees revision R in its snapshot sees every row stamped R or lower.
alter table offering add column change_revision bigint;

create function stamp_offering_change() returns trigger
    language plpgsql as $$
begin
    select revision + 1 into new.change_revision from catalog_revision for update;
    return new;
end
$$;

create trigger offering_stamp_change_revision
    before insert or update on offering
    for each row execute function stamp_offering_change();

-- the rows already there: stamped by the trigger
update offering set change_revision = 0;
alter table offering alter column change_revision set not null;
create index offering_change_revision_idx on offering (change_revision);

-- Deleted rows leave nothing to read: a delete (or a truncate) records the revision it happened at,
-- and an index built from a snapshot older than that rebuilds itself from the whole table.
alter table catalog_revision add column reset_revision bigint not null default 0;

create function reset_catalog_revision() returns trigger
    language plpgsql as $$
begin
    update catalog_revision set reset_revision = revision;
    return null;
end
$$;

-- statement triggers fire in name order: this one after offering_changes_raise_catalog_revision, so
-- the revision it records is the delete's own
create trigger offering_deletes_reset_search_index
    after delete or truncate on offering
    for each statement execute function reset_catalog_revision();
