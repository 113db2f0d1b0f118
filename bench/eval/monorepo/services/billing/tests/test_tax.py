from billing.tax import vat_for_line


def test_books_are_zero_rated_in_the_uk():
    assert vat_for_line(1000, "GB", "books") == 0


def test_german_vat_rounds_half_even():
    assert vat_for_line(250, "DE", "mugs") == 48  # 47.5 -> 48 (even)
