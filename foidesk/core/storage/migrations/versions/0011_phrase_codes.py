"""sentences stored as codes

Three columns held English sentences written when a message was imported or a file's
text was read, so a German user read English for ever after:

- ``message.charset_notes``: which character set was assumed, one sentence a line;
- ``message.filed_by``: why the message is where it is;
- ``attachment.text_error``: why a file's words could not be read.

foidesk now stores a code and its arguments there (one line of JSON, as
``core/phrases.py`` writes it) and words it in the user's language when it is shown.
This revision converts the sentences earlier versions wrote. The recognisers below are
this revision's own copy of the English those versions used (a later change of wording
must not change what this revision does); a sentence none recognises — a library's own
error, a note typed in another language — is kept exactly as it is and shown as stored.

No table, column or index is added, so salvage cannot tell this revision from 0008 by
the schema: a salvaged database is taken to be at 0008 and upgraded again, which is
harmless, since a stored code is not an English sentence and is left alone.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: (code, the English a version before this one wrote); ``{name}`` is a text argument,
#: ``{name:n}`` a number (written with or without thousands separators).
CHARSET_NOTES = (
    (
        "charset.header-undeclared-8bit",
        "the {header} header had undeclared 8-bit text; read as {used}",
    ),
    ("charset.unknown", "unknown character set '{label}'; text decoded as {used}"),
    ("charset.declared-invalid", "text declared as '{label}' was not valid; decoded as {used}"),
    ("charset.undeclared", "text with no declared character set was decoded as {used}"),
    (
        "charset.a-header-raw-8bit",
        "a header held raw 8-bit text inside an encoded word; read as {used}",
    ),
    (
        "charset.header-raw-8bit",
        "the {header} header held raw 8-bit text inside an encoded word; read as {used}",
    ),
)
FILING_REASONS = (
    ("filing.replies-to-yours", "replies to your message <{message_id}> in this thread"),
    ("filing.replies", "replies to a message <{message_id}> in this thread"),
    ("filing.subject-reference", "the subject names the reference {reference}"),
    ("filing.subject-title", "the subject names the request \u201c{title}\u201d"),
    (
        "filing.sender-authority",
        "the sender {address} belongs to {authority}, which has one open request",
    ),
    (
        "filing.recipient-authority",
        "the recipient {address} belongs to {authority}, which has one open request",
    ),
    ("filing.unmatched", "no rule matched: left in the Unfiled tray"),
    ("filing.chosen", "filed here by you"),
    ("filing.request-trashed", "its request is in the trash"),
    ("filing.already-in-thread", "this file is already in the thread"),
    ("filing.document", "added as a document"),
    ("filing.by-hand", "added by hand"),
    ("filing.filed-by-hand", "filed by hand"),
    ("filing.written-here", "written in foidesk"),
    ("filing.example", "example data"),
    ("filing.salvage", "salvage"),
    ("filing.unfiled-by-salvage", "unfiled by salvage: its request could not be read"),
    ("filing.by-hand.phone-call", "added by hand: phone call"),
    ("filing.by-hand.letter-received", "added by hand: letter received by post"),
    ("filing.by-hand.letter-sent", "added by hand: letter sent by post"),
    ("filing.by-hand.email", "added by hand: email typed in by hand"),
    ("filing.by-hand.note", "added by hand: note"),
)
TEXT_NOTES = (
    ("text.too-large", "larger than {megabytes:n} MB; not read"),
    ("text.nested-too-deep", "nested more than {count:n} levels deep; not read"),
    ("text.nests-too-deeply", "the file nests its parts too deeply to read"),
    ("text.unknown-kind", "foidesk does not read this kind of file"),
    ("text.image", "an image: its words are not read yet (OCR is a later step)"),
    ("text.archive", "an archive: the files inside are not read"),
    ("text.legacy-office", "an old Office file (.xls, .ppt): not read yet"),
    ("text.empty", "the file is empty"),
    ("text.document-damaged", "the document is damaged ({detail})"),
    ("text.not-word", "not a Word document"),
    ("text.word-encrypted", "the document is encrypted; its words cannot be read"),
    ("text.word-too-old", "a Word document older than Word 97: not read"),
    ("text.email-unreadable", "the attached email could not be read ({detail})"),
    ("text.outlook-unreadable", "the attached Outlook message could not be read ({detail})"),
    ("text.part-missing", "the document lacks a part it needs ({part})"),
    ("text.xml-damaged", "the document's XML is damaged ({detail})"),
    ("text.file-damaged", "the file is damaged ({detail})"),
    ("text.member-too-large", "{member} inflates to {count:n} bytes; not read"),
    ("text.zip-bomb", "{member} is compressed suspiciously well (a zip bomb?); not read"),
    ("text.pdf-page-unreadable", "PDF page could not be read ({detail})"),
    ("text.pdf-pages-cut", "only the first {shown:n} of {count:n} pages are searchable"),
    ("text.pdf-password", "the PDF is password-protected"),
    ("text.pdf-damaged", "the PDF is damaged or not a PDF"),
    ("text.no-text-layer", "no text layer (a scanned document?)"),
    ("text.cut", "only the first {count:n} characters are searchable"),
    ("text.stored-file-missing", "the stored file is missing (see `foidesk check`)"),
    ("text.too-slow", "took longer than {seconds} s; stopped"),
    ("text.reader-stopped", "the reader stopped unexpectedly (exit code {code})"),
    ("text.too-much-memory", "it needed more memory than a worker may use"),
)

_FIELD = re.compile(r"\{(\w+)(:n)?\}")
Recogniser = tuple[str, re.Pattern[str], frozenset[str]]


def _recognisers(table: tuple[tuple[str, str], ...]) -> list[Recogniser]:
    found = []
    for code, english in table:
        numbers = frozenset(m.group(1) for m in _FIELD.finditer(english) if m.group(2))
        pattern, at = [], 0
        for match in _FIELD.finditer(english):
            pattern.append(re.escape(english[at : match.start()]))
            pattern.append(
                f"(?P<{match.group(1)}>[0-9][0-9,]*)"
                if match.group(2)
                else f"(?P<{match.group(1)}>.+?)"
            )
            at = match.end()
        pattern.append(re.escape(english[at:]))
        found.append((code, re.compile("".join(pattern), re.DOTALL), numbers))
    return found


def coded(text: str, recognisers: list[Recogniser]) -> str:
    """The stored form of ``text`` if a recogniser knows it; else ``text`` unchanged."""
    if not text:
        return text
    for code, pattern, numbers in recognisers:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        arguments: dict[str, str | int] = {
            name: int(value.replace(",", "")) if name in numbers else value
            for name, value in match.groupdict().items()
        }
        return json.dumps(
            {"code": code, "arguments": arguments},
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )
    return text


def english(stored: str, table: tuple[tuple[str, str], ...]) -> str:
    """The English an earlier version wrote for a stored code (for ``downgrade``); text
    that is no code of ``table`` unchanged."""
    if not stored.startswith('{"'):
        return stored
    try:
        document = json.loads(stored)
        template = dict(table)[document["code"]]
        return _FIELD.sub(lambda m: str(document["arguments"][m.group(1)]), template)
    except (ValueError, KeyError, TypeError):
        return stored


Convert = Callable[[str], str]


def _convert(conn: sa.Connection, column: str, each: Convert, *, lines: bool = False) -> None:
    """Rewrite every non-empty value of ``table.column`` that ``each`` changes."""
    table, name = column.split(".")
    sql = f"SELECT id, {name} FROM {table} WHERE {name} IS NOT NULL AND {name} != ''"
    for row_id, value in conn.exec_driver_sql(sql).all():
        old = str(value)
        new = "\n".join(each(line) for line in old.split("\n")) if lines else each(old)
        if new != old:
            conn.exec_driver_sql(f"UPDATE {table} SET {name} = ? WHERE id = ?", (new, row_id))


def upgrade() -> None:
    conn = op.get_bind()
    charset = _recognisers(CHARSET_NOTES)
    filing = _recognisers(FILING_REASONS)
    text = _recognisers(TEXT_NOTES)
    _convert(conn, "message.charset_notes", lambda t: coded(t, charset), lines=True)
    _convert(conn, "message.filed_by", lambda t: coded(t, filing))
    _convert(conn, "attachment.text_error", lambda t: coded(t, text))


def downgrade() -> None:
    conn = op.get_bind()
    _convert(conn, "message.charset_notes", lambda t: english(t, CHARSET_NOTES), lines=True)
    _convert(conn, "message.filed_by", lambda t: english(t, FILING_REASONS))
    _convert(conn, "attachment.text_error", lambda t: english(t, TEXT_NOTES))
