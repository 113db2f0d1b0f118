"""VAT per destination country. Rates change by law; update RATES and note the date in CHANGELOG.md."""
from decimal import Decimal

from .money import round_cents

# Standard VAT rates by ISO country code.
RATES: dict[str, Decimal] = {
    "GB": Decimal("0.20"),
    "DE": Decimal("0.19"),
    "FR": Decimal("0.20"),
    "NL": Decimal("0.21"),
    "IE": Decimal("0.23"),
}

# Books and children's clothing are zero-rated in the UK.
ZERO_RATED_CATEGORIES = {"books", "childrens-clothing"}


def vat_for_line(net_cents: int, country: str, category: str) -> int:
    """VAT in cents for one invoice line, rounded per line (then summed by the caller)."""
    if country == "GB" and category in ZERO_RATED_CATEGORIES:
        return 0
    rate = RATES.get(country)
    if rate is None:
        raise ValueError(f"no VAT rate for {country}")
    return round_cents(Decimal(net_cents) * rate)
