"""The user's own rule: validated on construction, stored as JSON."""

from __future__ import annotations

import pytest

from foidesk.core.deadlines import CustomRule


def test_json_round_trip() -> None:
    rule = CustomRule(15, "working_days", "GB", "SCT")
    assert rule.to_json() == (
        '{"count":15,"unit":"working_days","country":"GB","subdivision":"SCT"}'
    )
    assert CustomRule.from_json(rule.to_json()) == rule
    national = CustomRule(1, "months", "DE")
    assert CustomRule.from_json(national.to_json()) == national


def test_country_code_is_normalised_to_upper_case() -> None:
    assert CustomRule(5, "calendar_days", "ie").country == "IE"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"count": 5, "unit": "working_days"}', "missing: country"),
        ('{"count": 5, "unit": "working_days", "country": "GB", "x": 1}', "unknown fields: x"),
        ('{"count": 0, "unit": "working_days", "country": "GB"}', "count must be 1 to 1000"),
        ('{"count": "5", "unit": "working_days", "country": "GB"}', "whole number"),
        ('{"count": true, "unit": "working_days", "country": "GB"}', "whole number"),
        ('{"count": 5, "unit": "weeks", "country": "GB"}', "unit must be one of"),
        ('{"count": 5, "unit": "working_days", "country": "XX"}', "unknown holiday country 'XX'"),
        ('{"count": 5, "unit": "working_days", "country": ""}', "needs a country code"),
        (
            '{"count": 5, "unit": "working_days", "country": "GB", "subdivision": "YRK"}',
            "unknown subdivision 'YRK' for GB; valid subdivisions: ENG, NIR, SCT, WLS",
        ),
    ],
)
def test_bad_input_is_a_clear_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CustomRule.from_json(text)


def test_direct_construction_validates_too() -> None:
    with pytest.raises(ValueError, match="unknown holiday country"):
        CustomRule(5, "working_days", "Narnia")
