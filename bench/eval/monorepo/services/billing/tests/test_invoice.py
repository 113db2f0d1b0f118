from datetime import date

from billing.invoice import next_invoice_number


def test_sequence_restarts_in_january():
    assert next_invoice_number("HB-2025-000917", date(2026, 1, 2)) == "HB-2026-000001"


def test_sequence_increments():
    assert next_invoice_number("HB-2026-000041", date(2026, 3, 1)) == "HB-2026-000042"
