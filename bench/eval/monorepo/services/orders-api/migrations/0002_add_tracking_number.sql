-- The carrier's tracking number, filled in when fulfilment ships the parcel.
alter table orders add column tracking_number text;
alter table orders add column shipped_at timestamptz;
