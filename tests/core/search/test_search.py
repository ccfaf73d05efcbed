"""Searching a real profile: what is found, in what order, and what is left out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text as sql

from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError
from foidesk.core.search import (
    ExtractionOptions,
    Filters,
    SearchHit,
    extract_pending,
    search,
    snippet_parts,
)

#: Runs on both engines (``--engine``): what only PostgreSQL's index has is in
#: test_postgres_search.py.

AddRequest = Callable[..., int]
AddMessage = Callable[..., int]
Letter = Callable[..., bytes]


def messages(desk: Desk, words: str) -> set[int | None]:
    return {h.message_id for h in search(desk, words) if h.kind == "message"}


def found(desk: Desk, text: str, **kwargs: object) -> list[tuple[str, int | None, int | None]]:
    return [(h.kind, h.request_id, h.message_id) for h in search(desk, text, **kwargs)]  # type: ignore[arg-type]


def test_request_message_and_attachment_hits_say_what_they_belong_to(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Letter
) -> None:
    request = add_request("Taser use by officers", notes="ask about taser training too")
    message = add_message(request, "We hold records of taser deployments.", subject="Re: Taser")
    add_message(request, "See attached.", files=(("annex.pdf", letter("Taser incidents: 14")),))
    extract_pending(desk, options=ExtractionOptions(workers=0))

    hits = search(desk, "taser")

    kinds = {(h.kind, h.request_id, h.message_id is not None, h.attachment_id is not None)
             for h in hits}  # fmt: skip
    assert kinds == {("request", request, False, False), ("message", request, True, False),
                     ("attachment", request, True, True)}  # fmt: skip
    message_hit = next(h for h in hits if h.kind == "message")
    assert message_hit.message_id == message
    assert message_hit.snippet == "We hold records of «taser» deployments."
    assert message_hit.title == "Taser use by officers" and message_hit.context == "Re: Taser"
    assert message_hit.authority == "Home Office" and message_hit.day == date(2024, 2, 1)
    request_hit = next(h for h in hits if h.kind == "request")
    assert "«taser»" in request_hit.snippet.lower()  # from the title or the notes
    attachment = next(h for h in hits if h.kind == "attachment")
    assert attachment.context == "annex.pdf" and "«Taser» incidents: 14" in attachment.snippet


def test_better_matches_rank_first(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Housing repairs")
    add_message(request, "damp mentioned once among many other words " + "filler " * 60)
    best = add_message(request, "damp and mould, damp walls, damp floors", subject="Damp")
    hits = search(desk, "damp")
    assert hits[0].message_id == best
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)


def test_words_prefixes_phrases_and_boolean_operators(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Calls")
    recorded = add_message(request, "Outbound calls are recorded by the consultancy.")
    withheld = add_message(request, "Recording withheld under section 40(2).")
    assert {m for _, _, m in found(desk, "record")} == set()
    assert {m for _, _, m in found(desk, "record*")} == {recorded, withheld}
    assert {m for _, _, m in found(desk, "consultan*")} == {recorded}
    assert {m for _, _, m in found(desk, '"calls are recorded"')} == {recorded}
    assert {m for _, _, m in found(desk, '"calls recorded"')} == set()
    assert {m for _, _, m in found(desk, "withh*")} == {withheld}
    assert {m for _, _, m in found(desk, "record* NOT withheld")} == {recorded}
    assert {m for _, _, m in found(desk, "outbound OR section")} == {recorded, withheld}
    assert {m for _, _, m in found(desk, '"40(2)"')} == {withheld}


def test_filters_by_authority_status_date_and_files(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    home = add_request("Visa data", authority="Home Office", status="successful")
    leeds = add_request("Visa sponsors", authority="Leeds City Council")
    early = add_message(home, "visa figures", when=datetime(2023, 5, 1, tzinfo=UTC))
    late = add_message(leeds, "visa guidance", when=datetime(2024, 6, 1, tzinfo=UTC),
                       files=(("visa table.csv", b"visa,count\r\nwork,10\r\n"),))  # fmt: skip
    extract_pending(desk, options=ExtractionOptions(workers=0))

    assert {r for _, r, _ in found(desk, 'visa authority:"home office"')} == {home}
    assert {r for _, r, _ in found(desk, "visa authority:leeds")} == {leeds}
    assert {r for _, r, _ in found(desk, "visa status:successful")} == {home}
    messages = found(desk, "visa after:2024-01-01")
    assert ("message", leeds, late) in messages and all(m != early for _, _, m in messages)
    assert ("message", home, early) in found(desk, "visa before:2024-01-01")
    assert {k for k, _, _ in found(desk, "visa has:attachment")} == {"message", "attachment",
                                                                      "request"}  # fmt: skip
    assert all(r == leeds for _, r, _ in found(desk, "visa has:attachment"))
    assert found(desk, "visa type:spreadsheet") == [("attachment", leeds, late)]
    assert found(desk, "visa type:pdf") == []
    assert found(desk, "visa authority:nowhere") == []
    window = Filters(statuses=("successful",))
    assert {r for _, r, _ in found(desk, "visa", filters=window)} == {home}


def test_trash_hides_and_restore_brings_back(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Speed cameras")
    message = add_message(request, "camera revenue figures")
    desk.delete_message(message)
    assert found(desk, "revenue") == []
    desk.restore_message(message)
    assert found(desk, "revenue") == [("message", request, message)]
    desk.delete_request(request)
    assert found(desk, "revenue") == [] and found(desk, "cameras") == []
    desk.restore_request(request)
    assert ("message", request, message) in found(desk, "revenue")


def test_unfiled_messages_are_found_without_a_request(desk: Desk, add_message: AddMessage) -> None:
    message = add_message(None, "an orphaned reply about gritting")
    hit = search(desk, "gritting")[0]
    assert (hit.kind, hit.request_id, hit.message_id, hit.title) == ("message", None, message, "")


def test_a_request_echoed_by_its_first_message_is_shown_once(
    desk: Desk, add_request: AddRequest
) -> None:
    add_request("Bridge inspections", body="Please send the bridge inspection reports.")
    assert [k for k, _, _ in found(desk, "inspection reports")] == ["message"]


def test_blank_and_filter_only_searches(desk: Desk) -> None:
    assert search(desk, "   ") == []
    with pytest.raises(InvalidInputError, match="type a word"):
        search(desk, "status:successful")
    with pytest.raises(InvalidInputError, match="between 1 and 1000"):
        search(desk, "x", limit=0)


def test_snippet_markers_are_unambiguous(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Quotes"), "He called it «transparent» budgeting.")
    hit: SearchHit = search(desk, "budgeting")[0]
    assert hit.snippet == "He called it ‹transparent› «budgeting»."
    assert snippet_parts(hit.snippet) == [
        ("He called it ‹transparent› ", False), ("budgeting", True), (".", False)]  # fmt: skip


def test_attachment_snippets_from_deep_in_long_texts_and_fallbacks(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    long_text = ("routine minutes of the meeting " * 4000) + "the Département pays ransom" + (
        " and more routine minutes" * 2000)  # fmt: skip
    files = (("minutes.txt", long_text.encode()), ("ransom policy.txt", b"nothing relevant"))
    add_message(add_request("Cyber"), "files attached", files=files)
    extract_pending(desk, options=ExtractionOptions(workers=0))

    by_name = {h.context: h.snippet for h in search(desk, "ransom")}
    assert by_name["minutes.txt"].startswith("…") and by_name["minutes.txt"].endswith("…")
    assert "Département pays «ransom»" in by_name["minutes.txt"]
    assert by_name["ransom policy.txt"] == "«ransom» policy.txt"  # only the name matched
    folded = {h.context: h.snippet for h in search(desk, "departement")}  # not literally there
    assert "«Département» pays ransom" in folded["minutes.txt"]


def test_every_query_form(desk: Desk, add_request: AddRequest, add_message: AddMessage) -> None:
    request = add_request("Calls")
    recorded = add_message(request, "Outbound calls are recorded by the consultancy.")
    withheld = add_message(request, "Recording withheld under section 40(2).")
    mailed = add_message(request, "Write to foi@leeds.gov.uk about annex.pdf and e-mail us.")
    assert messages(desk, "record") == set()  # whole words, no stemming
    assert messages(desk, "record*") == {recorded, withheld}
    assert messages(desk, "consultan*") == {recorded}
    assert messages(desk, "RECORDED consultancy") == {recorded}
    assert messages(desk, '"calls are recorded"') == {recorded}
    assert messages(desk, '"calls recorded"') == set()
    assert messages(desk, '"outbound call"*') == {recorded}
    assert messages(desk, "record* NOT withheld") == {recorded}
    assert messages(desk, "record* -withheld") == {recorded}
    assert messages(desk, "outbound OR section") == {recorded, withheld}
    assert messages(desk, "(outbound OR section) AND 40") == {withheld}
    assert messages(desk, '"40(2)"') == {withheld}
    assert messages(desk, "leeds") == messages(desk, "annex") == {mailed}
    assert messages(desk, '"gov uk"') == messages(desk, "mail") == {mailed}


def test_accents_and_case_do_not_matter(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Café licences"), "Le Département a répondu.")
    assert messages(desk, "departement REPONDU") == {message}
    assert messages(desk, "départ*") == {message}
    assert found(desk, "cafe")[0][:2] != ("request", None)


def test_snippets_keep_punctuation_and_never_mistake_a_marker(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Quotes")
    add_message(request, "He called it «transparent» budgeting.")
    add_message(request, "Ask foi@leeds.gov.uk for the gritting map.")
    assert search(desk, "budgeting")[0].snippet == "He called it ‹transparent› «budgeting»."
    assert search(desk, "leeds")[0].snippet == "Ask foi@«leeds».gov.uk for the gritting map."


@pytest.mark.parametrize(
    "hostile",
    [
        "'; DROP TABLE message; --",
        "taser:* & !x | (y <-> z)",
        "\\' OR 1=1 \\",
        "a:b:c 'quoted' \"unclosed",
        "ẞ ǅ ½ 〄 \U000f0000 ﷽",
    ],
)
def test_hostile_queries_are_only_words(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, hostile: str
) -> None:
    add_message(add_request("Taser"), "taser x y z quoted")
    search(desk, hostile)  # finds what it finds, and never runs what it says
    assert messages(desk, "taser") != set()
    with desk.db.reading() as session:
        assert session.scalar(sql("SELECT count(*) FROM message")) == 1


def test_malformed_queries_give_clear_errors(desk: Desk) -> None:
    with pytest.raises(InvalidInputError, match="cannot only exclude"):
        search(desk, "-taser")
    with pytest.raises(InvalidInputError, match="too short"):
        search(desk, "a*")
    with pytest.raises(InvalidInputError, match="type a word"):
        search(desk, "status:successful")
    with pytest.raises(InvalidInputError, match="not a date"):
        search(desk, "visa after:yesterday")
    assert search(desk, "   ") == []
