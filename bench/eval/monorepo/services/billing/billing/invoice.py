"""Builds invoices for shipped orders and renders them to PDF."""
from dataclasses import dataclass
from datetime import date

from .tax import vat_for_line


@dataclass(frozen=True)
class InvoiceLine:
    sku: str
    description: str
    quantity: int
    unit_net_cents: int
    category: str


@dataclass(frozen=True)
class Invoice:
    number: str
    order_id: str
    issued_on: date
    country: str
    lines: tuple[InvoiceLine, ...]

    @property
    def net_cents(self) -> int:
        return sum(line.quantity * line.unit_net_cents for line in self.lines)

    @property
    def vat_cents(self) -> int:
        # Rounded per line, then summed: what the tax office expects on a line-itemised invoice.
        return sum(vat_for_line(line.quantity * line.unit_net_cents, self.country, line.category) for line in self.lines)

    @property
    def gross_cents(self) -> int:
        return self.net_cents + self.vat_cents


def next_invoice_number(last: str | None, today: date) -> str:
    """HB-<year>-<6-digit sequence>; the sequence restarts every January (legal requirement)."""
    if last is None or not last.startswith(f"HB-{today.year}-"):
        return f"HB-{today.year}-000001"
    sequence = int(last.rsplit("-", 1)[1]) + 1
    return f"HB-{today.year}-{sequence:06d}"
