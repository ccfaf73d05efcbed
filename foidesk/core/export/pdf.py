"""``correspondence.pdf``: a request's cover page and every message, for people to read.

Written with fpdf2, a pure-Python PDF library (no Qt, no native code of its own), in an
embedded Unicode TrueType font (``fonts.py``), so any letter an authority wrote is
shown. Every string the page shows passes through the bundle's redactor first — the
labels too, so that a word the user chose to redact appears nowhere. Characters the
font has no glyph for are shown as U+FFFD and the cover page says so: the original
emails (in an unredacted bundle) hold them as written.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from foidesk import __version__
from foidesk.core.deadlines import REGIMES, Deadline
from foidesk.core.export.fonts import FontSet
from foidesk.core.export.members import Layout
from foidesk.core.export.plan import BundlePlan
from foidesk.core.formatting import human_size
from foidesk.core.i18n import _, ngettext
from foidesk.core.records import AttachmentRecord, MessageRecord
from foidesk.core.vocabulary import Direction, MessageKind, RequestStatus

Redact = Callable[[str], str]

LABEL_WIDTH = 38  # mm
LINE = 5.0  # mm, body text
SMALL_LINE = 4.0
REPLACEMENT = "\ufffd"
_TAB = "    "


class CorrespondencePdf(FPDF):
    """The document, with its fonts, the redactor, and a footer on every page."""

    def __init__(self, fonts: FontSet, redact: Redact, footer: str) -> None:
        super().__init__(format="A4")
        logging.getLogger("fpdf").setLevel(logging.ERROR)  # missing glyphs are ours to mark
        self.redact = redact
        self.footer_text = footer
        self.replaced = 0
        self.add_font("body", "", str(fonts.regular))
        self.add_font("body", "B", str(fonts.bold))
        self.add_font("mono", "", str(fonts.mono))
        self._known = _glyphs(self, "body") & _glyphs(self, "bodyB")
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(18, 16, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("body", size=7.5)
        page = _("page {page} of {pages}").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 4, self.clean(f"{self.footer_text} — {page}"), align="C")

    def clean(self, text: str) -> str:
        """Redacted, and only what the font can draw: tabs as spaces, no control or
        invisible format characters, a replacement mark for a missing glyph."""
        out = []
        for char in self.redact(text).replace("\r\n", "\n").replace("\t", _TAB):
            category = unicodedata.category(char)
            if char == "\n" or char == " ":
                out.append(char)
            elif category in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
                out.append(" " if category in {"Zl", "Zp"} else "")
            elif ord(char) in self._known:
                out.append(char)
            else:
                self.replaced += 1
                out.append(REPLACEMENT)
        return "".join(out)

    # --- writing blocks -------------------------------------------------------------

    def heading(self, text: str, size: float = 13) -> None:
        self.set_font("body", "B", size)
        self.multi_cell(
            0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.ln(1.5)

    def paragraph(self, text: str, size: float = 9.5, line: float = LINE) -> None:
        self.set_font("body", size=size)
        self.multi_cell(0, line, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    def field(self, label: str, value: str) -> None:
        """A label and its value beside it; the value wraps within its column. A label
        too wide for its column takes a line of its own, the value indented below it."""
        self.set_font("body", "B", 9)
        shown = self.clean(label)
        if self.get_string_width(shown) > LABEL_WIDTH - 2:
            self.multi_cell(0, LINE, shown, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            self.set_x(self.l_margin + LABEL_WIDTH)
        else:
            self.cell(LABEL_WIDTH, LINE, shown)
        self.set_font("body", size=9)
        self.multi_cell(
            0, LINE, self.clean(value) or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )

    def mono(self, text: str) -> None:
        self.set_font("mono", size=7.5)
        self.multi_cell(
            0, SMALL_LINE, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )

    def rule(self) -> None:
        self.ln(1)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(2)


def _glyphs(pdf: FPDF, key: str) -> set[int]:
    """The code points a font added with ``add_font`` (a TrueType font) can draw."""
    font = pdf.fonts[key]
    return set(getattr(font, "cmap", {}))


def render_pdf(
    plan: BundlePlan, layout: Layout, fonts: FontSet, redact: Redact, *, complete: bool
) -> bytes:
    """The PDF of ``plan``; ``complete`` is False for a redacted bundle, which holds no
    originals and no attachment files (the PDF then says they are listed only)."""
    summary = plan.detail.summary
    pdf = CorrespondencePdf(fonts, redact, f"#{summary.id} {summary.title}")
    pdf.set_title(pdf.clean(summary.title))
    pdf.set_creator(f"foidesk {__version__}")
    pdf.set_creation_date(plan.made_at)
    pdf.add_page()
    _cover(pdf, plan, complete)
    total = len(plan.detail.messages)
    for number, message in enumerate(plan.detail.messages, start=1):
        pdf.add_page()
        _message(pdf, message, number, total, layout, complete)
    if pdf.replaced:
        pdf.add_page()
        pdf.heading(_("Characters not shown"))
        pdf.paragraph(
            ngettext(
                "{count} character could not be shown in this PDF's font and is marked �; "
                "the original emails hold the text as written.",
                "{count} characters could not be shown in this PDF's font and are marked �; "
                "the original emails hold the text as written.",
                pdf.replaced,
            ).format(count=pdf.replaced)
        )
    return bytes(pdf.output())


def _cover(pdf: CorrespondencePdf, plan: BundlePlan, complete: bool) -> None:
    detail, summary = plan.detail, plan.detail.summary
    pdf.heading(_("Evidence bundle"), 10)
    pdf.heading(summary.title, 16)
    regime = REGIMES.get(summary.regime)
    law = f"{regime.name} ({summary.regime})" if regime is not None else summary.regime
    authority = summary.authority + (f" <{plan.authority_email}>" if plan.authority_email else "")
    pdf.field(_("Request"), f"#{summary.id}")
    pdf.field(_("Authority"), authority)
    pdf.field(_("Law"), law)
    pdf.field(_("Reference"), summary.reference or "")
    pdf.field(_("Status"), RequestStatus(summary.status).label)
    pdf.field(_("Sent"), summary.sent_on.isoformat() if summary.sent_on else "")
    if detail.received_on:
        pdf.field(_("Received"), detail.received_on.isoformat())
    pdf.field(_("Messages"), str(len(detail.messages)))
    made = plan.made_at.strftime("%Y-%m-%d %H:%M %Z")
    pdf.field(
        _("Bundle made"),
        _("{moment} by foidesk {version}").format(moment=made, version=__version__),
    )
    pdf.ln(3)
    pdf.heading(_("Deadlines"))
    if not plan.deadlines:
        pdf.paragraph(_("No deadlines: the request has no date it was sent or received."))
    for deadline in plan.deadlines:
        _deadline(pdf, deadline)
    pdf.ln(2)
    pdf.heading(_("Status history"))
    for change in detail.status_history:
        note = f" — {change.note}" if change.note else ""
        label = RequestStatus(change.status).label
        pdf.field(change.changed_on.isoformat(), f"{label}{note}")
    if detail.clock_events:
        pdf.ln(2)
        pdf.heading(_("Events that moved the clock"))
        for event in detail.clock_events:
            until = f" → {event.until.isoformat()}" if event.until else ""
            note = f" — {event.note}" if event.note else ""
            pdf.field(event.on.isoformat(), f"{_event_label(event.kind)}{until}{note}")
    pdf.ln(2)
    pdf.heading(_("What this bundle holds"))
    pdf.paragraph(_contents_text(complete))


def _deadline(pdf: CorrespondencePdf, deadline: Deadline) -> None:
    status = deadline.status_text()
    if deadline.met_on is not None:
        status += " " + _("(answered on {day})").format(day=deadline.met_on.isoformat())
    pdf.field(deadline.label, f"{deadline.due.isoformat()} — {status}")
    pdf.set_x(pdf.l_margin + LABEL_WIDTH)
    pdf.set_font("body", size=7.5)
    explanation = pdf.clean(deadline.explanation.text())
    pdf.multi_cell(0, SMALL_LINE, explanation, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(1)


def _event_label(kind: str) -> str:
    """The event's id in words ("fee notice"): the ids are the law's own terms."""
    return kind.replace("_", " ")


def _contents_text(complete: bool) -> str:
    if complete:
        return _(
            "This PDF shows every message of the request, oldest first, with its headers, "
            "its text and its attachments. The folder originals/ holds each email exactly as "
            "it was received or sent, attachments/ every attached file, and manifest.json "
            "the SHA-256 and size of every file in the bundle, so that anyone can check it."
        )
    return _(
        "This bundle is redacted: the requester's own details and chosen words are replaced "
        "by [redacted] in this PDF. The original emails and the attached files are left "
        "out, since they cannot be redacted; each attachment is listed below its message "
        "with its size and SHA-256, and manifest.json gives the SHA-256 and size of every "
        "file in the bundle."
    )


def _message(
    pdf: CorrespondencePdf,
    message: MessageRecord,
    number: int,
    total: int,
    layout: Layout,
    complete: bool,
) -> None:
    direction = _("sent") if message.direction == Direction.OUTGOING.value else _("received")
    title = _("Message {number} of {total}: {kind}, {direction}").format(
        number=number, total=total, kind=_kind_label(message.kind), direction=direction
    )
    pdf.heading(title, 12)
    pdf.field(_("From"), message.from_addr)
    pdf.field(_("To"), ", ".join(message.to))
    pdf.field(_("Cc"), ", ".join(message.cc))
    pdf.field(_("Date"), message.date.strftime("%Y-%m-%d %H:%M:%S %Z") if message.date else "")
    pdf.field(_("Subject"), message.subject)
    pdf.field(_("Message-ID"), message.message_id or "")
    if message.in_reply_to:
        pdf.field(_("In-Reply-To"), message.in_reply_to)
    pdf.field(_("Original"), _original_text(message, layout, complete))
    pdf.rule()
    pdf.paragraph(message.body_text.strip() or _("(no text)"))
    if message.attachments:
        pdf.ln(2)
        count = len(message.attachments)
        pdf.heading(
            ngettext("{count} attachment", "{count} attachments", count).format(count=count), 10
        )
        for attachment in message.attachments:
            _attachment(pdf, attachment, layout, complete)


def _kind_label(kind: str) -> str:
    try:
        return MessageKind(kind).label
    except ValueError:
        return kind


def _original_text(message: MessageRecord, layout: Layout, complete: bool) -> str:
    member = layout.originals.get(message.id)
    if member is None:
        return _("none kept (written or recorded in foidesk)")
    if not complete:
        return _("left out of this redacted bundle")
    return member.name


def _attachment(
    pdf: CorrespondencePdf, attachment: AttachmentRecord, layout: Layout, complete: bool
) -> None:
    member = layout.attachments[attachment.id]
    name = member.name if complete else member.name.removeprefix("attachments/")
    exact = ngettext("{size} byte", "{size} bytes", attachment.size).format(size=attachment.size)
    size = exact if attachment.size < 1024 else f"{human_size(attachment.size)} ({exact})"
    pdf.field(name, f"{size}, {attachment.media_type}")
    pdf.set_x(pdf.l_margin + LABEL_WIDTH)
    pdf.mono(f"SHA-256 {attachment.sha256}")
    pdf.ln(0.5)
