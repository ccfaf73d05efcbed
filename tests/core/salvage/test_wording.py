"""A salvage report reads in the user's language; its fields and --json stay English."""

from __future__ import annotations

import json

from foidesk.core import i18n
from foidesk.core.phrases import Phrase, shown
from foidesk.core.salvage import wording


def test_salvage_notes_are_english_data_worded_in_german_when_shown() -> None:
    note = Phrase(wording.REVISION_LOST, revision="0010")
    rehomed = {Phrase(wording.MESSAGES_UNFILED): 3}
    try:
        i18n.set_language("de")
        assert shown(note) == (
            "die Schemaversion war verloren; die geretteten Tabellen zeigen, dass es 0010 war"
        )
        assert shown(next(iter(rehomed))).startswith("Nachrichten, deren Anfrage verloren war")
        assert json.dumps({"notes": [note], "rehomed": rehomed}) == json.dumps(
            {
                "notes": ["the schema revision was lost; the recovered tables say it was 0010"],
                "rehomed": {"messages whose request was lost, moved to Unfiled": 3},
            }
        )
    finally:
        i18n.set_language("en")
