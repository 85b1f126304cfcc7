-- Every change of a tenant bumps its revision; the revision last published on picloud.tenants is
-- kept beside it, so a tenant not yet published at its current revision is published at startup.
alter table tenant add column revision bigint not null default 1 check (revision >= 1);
alter table tenant add column published_revision bigint not null default 0;
