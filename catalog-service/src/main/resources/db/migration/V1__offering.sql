-- Accent-insensitive, stemmed full-text search in French and English.
create extension if not exists unaccent;
create text search configuration picloud_fr (copy = french);
alter text search configuration picloud_fr alter mapping for hword, hword_part, word with unaccent, french_stem;
create text search configuration picloud_en (copy = english);
alter text search configuration picloud_en alter mapping for hword, hword_part, word with unaccent, english_stem;

-- array_to_string is only STABLE; a generated column needs an IMMUTABLE function
create function array_to_string_immutable(text[]) returns text
    language sql immutable parallel safe
    return array_to_string($1, ' ');

create table offering (
    id                     uuid primary key,
    code                   text    not null unique,
    name_fr                text    not null,
    name_en                text    not null,
    description_fr         text    not null,
    description_en         text    not null,
    category               text    not null,
    provider_id            text    not null,
    provider_name          text    not null,
    provider_secnumcloud   boolean not null,
    provider_data_location text    not null,
    tags                   text[]  not null,
    sla_tier               text,
    offering_version       text,
    status                 text    not null,
    revision               bigint  not null,
    -- JSON documents, validated by the service; text keeps them byte-for-byte as given
    parameter_schema       text    not null,
    resource_template      text    not null,
    price_lists            text    not null,
    version                bigint  not null,
    search_vector tsvector generated always as (
        setweight(to_tsvector('picloud_fr', name_fr), 'A')
            || setweight(to_tsvector('picloud_en', name_en), 'A')
            || setweight(to_tsvector('picloud_fr', code || ' ' || array_to_string_immutable(tags)), 'A')
            || setweight(to_tsvector('picloud_fr', description_fr), 'B')
            || setweight(to_tsvector('picloud_en', description_en), 'B')) stored
);

create index offering_search_idx on offering using gin (search_vector);
create index offering_tags_idx on offering using gin (tags);
-- browsing a category or a provider reads its page in code order straight from the index, and its
-- facet counts from the index alone (index-only scan: the other facet column is included)
create index offering_status_category_idx on offering (status, category, code) include (provider_id);
create index offering_status_provider_idx on offering (status, provider_id, code) include (category);
