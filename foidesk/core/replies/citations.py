"""Sections of the laws a reply cites, sorted by what citing them means.

An exemption cited ("section 40(2)", "s.43", "(b)(6)", "Exemption 5", "Article
4(1)(b)", "§ 3 Nr. 1 IFG", "regulation 12(5)(e)") is the strongest sign that
something was withheld; a few sections mean the information is not held (FOISA
s.17, the Australian s.24A, the New Zealand s.18(g)). Which section numbers are
exemptions depends on the law, so the regime narrows the table when it is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SECTION = re.compile(
    r"\b(?:sections?|s\.|ss\.)\s?(\d{1,3}[a-z]{0,2})((?:\(\d{1,2}[a-z]?\)|\([a-z]{1,4}\))*)",
    re.IGNORECASE,
)
_REGULATION = re.compile(r"\bregulations?\s(1[23])(\(\d\)(?:\([a-z]\))?)", re.IGNORECASE)
_US = re.compile(
    r"(?:\bexemptions?\s(\d)(?:\s?\(([a-f])\))?|(?<![\w)])\(b\)\((\d)\)(\([a-f]\))?)",
    re.IGNORECASE,
)
_EU = re.compile(r"\barticle\s4\s?\((\d)\)(\([a-e]\))?", re.IGNORECASE)
_GERMAN = re.compile(
    r"\u00a7\s?(\d{1,2})(\s(?:abs\.|absatz)\s?\d)?(\s(?:satz)\s?\d)?(\s(?:nr\.|nummer)\s?\d)?"
    r"(?:\s?buchst\.\s?[a-z])?\s(ifg|uig|ifg nrw|vig)\b",
    re.IGNORECASE,
)

#: Exemption sections by regime (section numbers as written, without sub-sections).
_EXEMPT: dict[str, frozenset[str]] = {
    "uk-foia": frozenset({str(n) for n in range(21, 45)} | {"12", "14"}),
    "scot-foisa": frozenset({str(n) for n in range(25, 42)} | {"12", "14", "18"}),
    "ie-foi": frozenset({str(n) for n in range(28, 43)} | {"15"}),
    "au-foi": frozenset(
        {"33", "34", "37", "38", "42", "45", "46", "47", "47a", "47b", "47c", "47d"}
        | {"47e", "47f", "47g", "47h", "47j", "22"}
    ),
    "nz-oia": frozenset({"6", "7", "9", "18"}),
}
_EXEMPT["im-foi"] = _EXEMPT["uk-foia"]
_EXEMPT["nz-lgoima"] = frozenset({"6", "7", "17"})
_EXEMPT["au-nsw-gipa"] = _EXEMPT["au-foi"]
_ANY_EXEMPT = frozenset().union(*_EXEMPT.values())
#: Sections that say the information is not there to give (UK s.17 is any refusal
#: notice, so FOISA's s.17 counts only under FOISA).
_NOT_HELD: dict[str, frozenset[str]] = {
    "scot-foisa": frozenset({"17"}),
    "scot-eir": frozenset({"17"}),
    "au-foi": frozenset({"24a"}),
    "nz-oia": frozenset({"18(g)", "18(e)"}),
    "nz-lgoima": frozenset({"17(g)", "17(e)"}),
}
_ANY_NOT_HELD = frozenset({"24a", "18(g)", "18(e)"})
_GERMAN_EXEMPT = {"ifg": frozenset({"3", "4", "5", "6"}), "uig": frozenset({"8", "9"})}


@dataclass(frozen=True)
class Citations:
    exemptions: tuple[str, ...]
    not_held: tuple[str, ...]


def cited(text: str, regime: str | None) -> Citations:
    """The exemptions and not-held sections ``text`` cites, each once, as written."""
    exemptions: dict[str, None] = {}
    not_held: dict[str, None] = {}
    sections = _EXEMPT.get(regime or "", _ANY_EXEMPT)
    absent = _NOT_HELD.get(regime or "", _ANY_NOT_HELD)
    for match in _SECTION.finditer(text):
        number, sub = match.group(1).lower(), match.group(2).lower()
        if number + sub[:3] in absent or (number in absent and not sub):
            not_held[match.group(0).strip()] = None
        elif _is_exemption(number, sub, sections, regime):
            exemptions[match.group(0).strip()] = None
    for pattern in (_REGULATION, _US, _EU):
        for match in pattern.finditer(text):
            exemptions[match.group(0).strip()] = None
    for match in _GERMAN.finditer(text):
        law = "uig" if match.group(5).lower() == "uig" else "ifg"
        if match.group(1) in _GERMAN_EXEMPT[law]:
            exemptions[match.group(0).strip()] = None
    return Citations(_once(exemptions), _once(not_held))


def _once(found: dict[str, None]) -> tuple[str, ...]:
    """Each citation once, however its case is written ("Section 35", "section 35")."""
    seen: dict[str, str] = {}
    for text in found:
        seen.setdefault(" ".join(text.lower().split()), text)
    return tuple(seen.values())


def _is_exemption(number: str, sub: str, sections: frozenset[str], regime: str | None) -> bool:
    if number not in sections:
        return False
    if regime in (None, "nz-oia", "nz-lgoima") and number in {"6", "7", "9", "18"}:
        return bool(sub)  # "section 9" alone is too common to mean an exemption
    return True
