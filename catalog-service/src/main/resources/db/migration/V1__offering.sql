create table offering (
    id       uuid   primary key,
    code     text   not null unique,
    name_fr  text   not null,
    name_en  text   not null,
    category text   not null,
    provider text   not null,
    status   text   not null,
    revision bigint not null,
    version  bigint not null
);
