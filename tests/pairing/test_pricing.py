import pytest

from verdicts.models import PriceKind
from verdicts.pricing import display_license, normalise_price


@pytest.mark.parametrize(
    ("wording", "kind", "label", "monthly"),
    [
        ("Free", PriceKind.FREE, "Free", 0.0),
        ("free forever", PriceKind.FREE, "Free", 0.0),
        ("Freemium", PriceKind.FREEMIUM, "Freemium", 0.0),
        ("Free plan, Pro $20/month", PriceKind.FREEMIUM, "Freemium", 0.0),
        ("$20/mo", PriceKind.PAID, "From $20/month", 20.0),
        ("$12 per user per month", PriceKind.PAID, "From $12/month", 12.0),
        ("$99 per year", PriceKind.PAID, "From $8.25/month (billed yearly)", 8.25),
        ("Pro $30/mo, Team $99/mo", PriceKind.PAID, "From $30/month", 30.0),
        ("Free trial, then $10/mo", PriceKind.PAID, "From $10/month", 10.0),
        ("$0.50 per 1M tokens", PriceKind.PAID, "From $0.50 per 1M tokens", None),
        ("Contact sales", PriceKind.PAID, "Contact sales", None),
        ("", PriceKind.UNKNOWN, "Not stated", None),
    ],
)
def test_wordings_normalise(wording, kind, label, monthly):
    price = normalise_price(wording)
    assert (price.kind, price.label, price.monthly_usd) == (kind, label, monthly)


def test_non_dollar_prices_keep_their_currency_and_no_usd_figure():
    price = normalise_price("€15/month")
    assert price.label == "From €15/month"
    assert price.monthly_usd is None


def test_free_open_weights_read_free_with_the_licence_alongside():
    price = normalise_price("", "apache-2.0", open_weights=True)
    assert price.kind is PriceKind.OPEN_WEIGHTS
    assert price.label == "Free"
    assert price.license == "Apache-2.0"


def test_open_weights_with_a_paid_api_are_not_called_free_by_mistake():
    assert normalise_price("$0.10 per 1M tokens", "mit").kind is PriceKind.PAID


def test_licences_read_like_their_spdx_names():
    assert display_license("apache 2.0") == "Apache-2.0"
    assert display_license("MIT License") == "MIT"
    assert display_license("llama3.2") == "Llama 3.2 Community"
    assert display_license("some-custom-licence") == "some-custom-licence"
