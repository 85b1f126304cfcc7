-- Search reads narrow rows; every change to the catalogue raises one revision (docs/catalog-benchmark.md).

-- 1. Keep what a search reads in the heap row, push what it never reads out of line.
--    Ranking reads search_vector of every match: stored out of line (V1's default) each match cost a
--    TOAST index look-up and chunk reads. MAIN keeps it in the row (PostgreSQL moves a MAIN value out
--    only when the row would exceed a whole page), and so are the columns of a hit. The descriptions
--    (already in the vector) and the three JSON documents, which only the offering's own page reads,
--    go out of line: with toast_tuple_target at its minimum every row stores them in the TOAST table,
--    whatever their size. A row in the heap is then about 1.6 KB instead of 2.9 KB.
alter table offering
    alter column code set storage main,
    alter column name_fr set storage main,
    alter column name_en set storage main,
    alter column category set storage main,
    alter column provider_id set storage main,
    alter column provider_name set storage main,
    alter column provider_data_location set storage main,
    alter column tags set storage main,
    alter column sla_tier set storage main,
    alter column offering_version set storage main,
    alter column status set storage main,
    alter column description_fr set storage external,
    alter column description_en set storage external,
    alter column parameter_schema set storage external,
    alter column resource_template set storage external,
    alter column price_lists set storage external;
alter table offering set (toast_tuple_target = 128);

-- Storage settings apply to rows written from now on: re-adding the generated vector (same
-- expression as V1) rewrites every existing row under them, and its GIN index with it. The new
-- column's storage is set in the same statement, before the rewrite, so no vector goes out of line.
alter table offering
    drop column search_vector,
    add column search_vector tsvector generated always as (
        setweight(to_tsvector('picloud_fr', name_fr), 'A')
            || setweight(to_tsvector('picloud_en', name_en), 'A')
            || setweight(to_tsvector('picloud_fr', code || ' ' || array_to_string_immutable(tags)), 'A')
            || setweight(to_tsvector('picloud_fr', description_fr), 'B')
            || setweight(to_tsvector('picloud_en', description_en), 'B')) stored,
    alter column search_vector set storage main;
create index offering_search_idx on offering using gin (search_vector);

-- 2. The catalogue's revision: raised in the transaction of any change to offering, by whatever
--    writes it (this service, a script, another instance). A search cache keyed by it is never
--    stale: a search reads the revision, then the rows, so an answer is at least as new as its key.
create table catalog_revision (
    singleton boolean primary key default true check (singleton),
    revision  bigint  not null
);
insert into catalog_revision (singleton, revision) values (true, 1);

create function raise_catalog_revision() returns trigger
    language plpgsql as $$
begin
    update catalog_revision set revision = revision + 1;
    return null;
end
$$;

create trigger offering_changes_raise_catalog_revision
    after insert or update or delete or truncate on offering
    for each statement execute function raise_catalog_revision();
