"""Entry point of the nightly cron job: invoice every order shipped yesterday."""
import os
from datetime import date, timedelta

import psycopg

from .invoice import Invoice, InvoiceLine, next_invoice_number


def run(today: date | None = None) -> int:
    today = today or date.today()
    yesterday = today - timedelta(days=1)
    created = 0
    with psycopg.connect(os.environ["BILLING_DATABASE_URL"]) as connection:
        last = connection.execute("select max(number) from invoices").fetchone()[0]
        orders = connection.execute(
            "select id, lines, shipping_address->>'country' from orders where shipped_at::date = %s and id not in (select order_id from invoices)",
            (yesterday,),
        ).fetchall()
        for order_id, lines, country in orders:
            last = next_invoice_number(last, today)
            invoice = Invoice(last, order_id, today, country, tuple(InvoiceLine(**line) for line in lines))
            connection.execute(
                "insert into invoices (number, order_id, net_cents, vat_cents) values (%s, %s, %s, %s)",
                (invoice.number, order_id, invoice.net_cents, invoice.vat_cents),
            )
            created += 1
    return created


if __name__ == "__main__":
    print(f"invoiced {run()} orders")
