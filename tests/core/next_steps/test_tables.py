"""The laws' and the regulators' tables hold together: each row is whole and each id it
names exists, so a row added or mistyped fails here rather than in a letter."""

from __future__ import annotations

import pytest

from foidesk.core.next_steps import REGULATORS
from foidesk.core.next_steps import laws as law_table
from foidesk.core.next_steps import regulators as regulator_table
from foidesk.core.next_steps.laws import GENERIC, LAWS, LawSteps, law_of
from foidesk.core.vocabulary import REGIME_IDS

#: The Isle of Man's Act is cited as a whole: foidesk knows no section numbers for it.
CITED_AS_A_WHOLE = {"im-foi"}


def test_every_regime_but_a_custom_one_has_its_row_and_no_row_is_lost() -> None:
    assert set(LAWS) == set(REGIME_IDS) - {"custom"}
    assert len(law_table._ROWS) == len(LAWS)  # no two rows share a regime
    assert law_of("custom") is GENERIC


@pytest.mark.parametrize("regime", sorted(LAWS))
def test_a_law_names_itself_and_cites_its_sections(regime: str) -> None:
    law = LAWS[regime]
    assert law.law.strip() == law.law != ""
    sections = [law.request_section, law.review_section, law.complaint_section]
    sections += [law.fee_section, law.court_section]
    given = [s for s in sections if s is not None]
    assert all(s == s.strip() for s in given)
    if regime in CITED_AS_A_WHOLE:
        assert not any(given)
    else:
        assert law.request_section
        assert all(given), f"{regime}: a section given but empty"


@pytest.mark.parametrize("regime", sorted(LAWS))
def test_a_review_and_a_complaint_come_with_what_they_need(regime: str) -> None:
    law = LAWS[regime]
    assert (law.review is None) == (law.review_section is None)
    assert law.review_untimed <= (law.review is not None)
    assert (law.regulator is None) == (law.complaint_section is None)
    assert law.regulator is None or law.regulator in REGULATORS
    assert (law.complaint_untimed or law.silence_complaint) <= (law.regulator is not None)
    if law.review is not None:
        assert law.review_noun
        assert law.review_noun != LawSteps.review_noun or "internal review" in law.review
    assert law.language in {"en", "de"}
    if law.language == "de":
        assert law.review_noun == "Widerspruch" and "VwGO" in (law.review_section or "")


def test_the_regulators_are_whole_and_each_has_its_own_row() -> None:
    assert len(regulator_table._ROWS) == len(REGULATORS)
    for id_, regulator in REGULATORS.items():
        assert regulator.id == id_
        assert regulator.name and regulator.section and regulator.source
        assert all(u.startswith("https://") for u in (regulator.web, regulator.form) if u)
        assert regulator.email is None or "@" in regulator.email
        assert len(set(regulator.include)) == len(regulator.include) > 0
