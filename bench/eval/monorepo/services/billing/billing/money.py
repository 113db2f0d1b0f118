"""Money arithmetic in integer cents (ADR 0005): never floats."""
from decimal import ROUND_HALF_EVEN, Decimal


def round_cents(amount: Decimal) -> int:
    """Banker's rounding to whole cents: 0.5 goes to the even neighbour, so rounding errors cancel out."""
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_EVEN))


def split_evenly(total_cents: int, parts: int) -> list[int]:
    """Splits an amount into `parts` shares that differ by at most one cent and sum to the total."""
    base, remainder = divmod(total_cents, parts)
    return [base + 1 if index < remainder else base for index in range(parts)]
