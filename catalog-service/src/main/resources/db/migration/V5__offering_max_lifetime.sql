-- An offering's policy on how long its orders live: when set, every order carries an end date at
-- most this many days ahead, and order-service decommissions it at that date.
alter table offering add column max_lifetime_days int check (max_lifetime_days >= 1);
