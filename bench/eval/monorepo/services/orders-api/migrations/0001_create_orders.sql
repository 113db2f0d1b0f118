create table orders (
  id uuid primary key default gen_random_uuid(),
  customer_id text not null,
  lines jsonb not null,
  currency char(3) not null,
  total_cents bigint not null check (total_cents >= 0),
  payment_id text not null,
  idempotency_key text not null unique,
  status text not null default 'placed',
  shipping_address jsonb not null,
  created_at timestamptz not null default now()
);
create index orders_customer_idx on orders (customer_id, created_at desc);
