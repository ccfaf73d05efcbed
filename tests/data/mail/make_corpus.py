"""Generates foidesk's mail test corpus: well-formed samples and hostile input.

Every file is made here from code, so the corpus is reproducible, reviewable
and nothing large is committed. The tests build it once per session into a
temporary directory (see ``tests/core/mail/conftest.py``); to look at the
files, run ``python tests/data/mail/make_corpus.py OUT_DIR``.

The Outlook sample is written with extract-msg's own OLE writer following
[MS-OXMSG] (property streams, recipient and attachment storages, an embedded
message); the winmail.dat sample follows [MS-OXTNEF]. Neither came out of
Outlook itself, which cannot run here.
"""

from __future__ import annotations

import base64
import random
import struct
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

CRLF = "\r\n"
PDF_ONE = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PDF_TWO = b"%PDF-1.7\n% second document\ntrailer<<>>\n%%EOF\n"
PNG_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)
ACK_TEXT = (
    "This is an automated confirmation that your request for information has\n"
    "been received by the DWP FOI mailbox.\n"
)


def lines(*parts: str) -> bytes:
    """Join header and body lines with CRLF, as mail on the wire has them."""
    return CRLF.join(parts).encode("utf-8")


def b64(data: bytes) -> str:
    """Base64 in 76-character lines, as MIME writers produce it."""
    encoded = base64.b64encode(data).decode("ascii")
    return CRLF.join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def pdf_part(boundary: str, name: str, data: bytes, disposition: str = "attachment") -> str:
    """One base64 PDF part with the given Content-Disposition file name."""
    return CRLF.join(
        [
            f"--{boundary}",
            f'Content-Type: application/pdf; name="{name}"',
            f'Content-Disposition: {disposition}; filename="{name}"',
            "Content-Transfer-Encoding: base64",
            "",
            b64(data),
        ]
    )


def headers(subject: str = "Your FOI request", **extra: str) -> list[str]:
    """A plausible header block; keyword arguments add or replace headers."""
    base = {
        "From": "DWP FOI Team <foi-requests@dwp.example.gov.uk>",
        "To": "Frank Zola <frank@example.org>",
        "Subject": subject,
        "Date": "Tue, 05 Mar 2024 09:15:00 +0000",
        "Message-ID": "<reply-1@dwp.example.gov.uk>",
        "MIME-Version": "1.0",
    }
    base.update({key.replace("_", "-"): value for key, value in extra.items()})
    return [f"{key}: {value}" for key, value in base.items() if value]


# --- well-formed samples -------------------------------------------------------------------


def thunderbird_two_pdfs() -> bytes:
    """A Thunderbird-style multipart/mixed reply with two PDF attachments."""
    boundary = "------------7mF0tGzTn2yXUXxzP9qK1BbC"
    return lines(
        *headers(
            "Re: Logs of calls to claimants",
            In_Reply_To="<request-1@example.org>",
            References="<request-1@example.org> <ack-1@dwp.example.gov.uk>",
            User_Agent="Mozilla Thunderbird",
            Cc="Case Officer <officer@dwp.example.gov.uk>",
        ),
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
        "",
        "This is a multi-part message in MIME format.",
        f"--{boundary}",
        "Content-Type: text/plain; charset=UTF-8; format=flowed",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Dear Frank Zola,",
        "",
        "Please find attached our response – two documents.",
        "",
        pdf_part(boundary, "FOI2024-01234 response.pdf", PDF_ONE),
        pdf_part(boundary, "Annex A.pdf", PDF_TWO),
        f"--{boundary}--",
        "",
    )


def html_tracking_pixel() -> bytes:
    """A multipart/alternative newsletter-style mail with a remote tracking pixel."""
    html = (
        "<html><head><style>body{background:url(https://tracker.example/bg.png)}</style>"
        "<script>document.cookie</script></head><body>"
        "<p>Dear Frank,</p><p>Your request <b>FOI2024-01234</b> is being handled.</p>"
        '<p><a href="https://www.example.gov.uk/foi">Track it online</a></p>'
        '<img src="https://tracker.example/open.gif?id=frank" width="1" height="1">'
        '<img src="cid:logo@dwp" alt="DWP logo"></body></html>'
    )
    return lines(
        *headers("Your FOI request FOI2024-01234"),
        'Content-Type: multipart/related; boundary="rel"',
        "",
        "--rel",
        'Content-Type: multipart/alternative; boundary="alt"',
        "",
        "--alt",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Dear Frank, your request FOI2024-01234 is being handled.",
        "--alt",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        html.replace("=", "=3D"),
        "--alt--",
        "--rel",
        "Content-Type: image/png",
        "Content-ID: <logo@dwp>",
        "Content-Disposition: inline",
        "Content-Transfer-Encoding: base64",
        "",
        b64(PNG_PIXEL),
        "--rel--",
        "",
    )


def html_only() -> bytes:
    """HTML with no text/plain alternative: the text body must be derived."""
    return lines(
        *headers("HTML only"),
        "Content-Type: text/html; charset=utf-8",
        "",
        "<p>First paragraph &amp; more.</p><p>See <a href='https://example.gov.uk/r'>the "
        "response</a>.<br>Second line</p><script>alert(1)</script>",
        "",
    )


def auto_ack() -> bytes:
    """An automated acknowledgement flagged with RFC 3834 Auto-Submitted."""
    return lines(
        *headers(
            "Freedom of Information request - Logs of calls to claimants",
            Auto_Submitted="auto-replied",
        ),
        "Content-Type: text/plain; charset=us-ascii",
        "",
        ACK_TEXT,
    )


def ack_wording_only() -> bytes:
    """An acknowledgement recognisable only by its wording."""
    return lines(*headers("RE: FOI request"), "", "Dear requester,", "", ACK_TEXT)


def forwarded() -> bytes:
    """A forward-as-attachment: message/rfc822 that itself carries a PDF."""
    inner = CRLF.join(
        [
            "From: Records Office <records@example.gov.uk>",
            "To: foi-requests@dwp.example.gov.uk",
            "Subject: Search results: 3/4 complete",
            "Date: Mon, 04 Mar 2024 16:00:00 +0000",
            "Message-ID: <inner-1@example.gov.uk>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="inner"',
            "",
            "--inner",
            "Content-Type: text/plain",
            "",
            "Inner body text.",
            pdf_part("inner", "search log.pdf", PDF_TWO),
            "--inner--",
            "",
        ]
    )
    return lines(
        *headers("Fwd: Search results"),
        'Content-Type: multipart/mixed; boundary="outer"',
        "",
        "--outer",
        "Content-Type: text/plain",
        "",
        "Forwarding the search results below.",
        "--outer",
        "Content-Type: message/rfc822",
        "Content-Disposition: attachment",
        "",
        inner,
        "--outer--",
        "",
    )


def mbox_three() -> bytes:
    """Three mbox entries: good, broken (no headers, binary), good with a quoted From."""
    first = lines(*headers("First", Message_ID="<m1@example.org>"), "", "First body.", "")
    broken = b"\x00\x01\x02 binary junk \xff\xfe\n\x00\x00 more junk\n"
    third = lines(
        *headers("Third", Message_ID="<m3@example.org>"),
        "",
        ">From the desk of the FOI officer,",
        ">>From here on quoted twice.",
        "Regards.",
        "",
    ).replace(b"\r\n", b"\n")
    stamp = "Tue Mar  5 09:15:00 2024"
    return b"\n".join(
        [
            f"From foi@example.gov.uk {stamp}".encode(),
            first.replace(b"\r\n", b"\n"),
            f"From MAILER-DAEMON {stamp}".encode(),
            broken,
            f"From - {stamp}".encode(),
            third,
        ]
    )


def winmail() -> bytes:
    """An Outlook mail whose attachments are wrapped in winmail.dat (TNEF)."""
    blob = tnef([("minutes.docx", b"PK\x03\x04 fake docx"), ("budget.xlsx", b"PK\x03\x04 xlsx")])
    return lines(
        *headers("Meeting minutes"),
        'Content-Type: multipart/mixed; boundary="w"',
        "",
        "--w",
        "Content-Type: text/plain",
        "",
        "See attached.",
        "--w",
        'Content-Type: application/ms-tnef; name="winmail.dat"',
        'Content-Disposition: attachment; filename="winmail.dat"',
        "Content-Transfer-Encoding: base64",
        "",
        b64(blob),
        "--w--",
        "",
    )


def broken_winmail() -> bytes:
    """A winmail.dat that is not TNEF at all: it must be kept, not lost."""
    return lines(
        *headers("Broken winmail"),
        'Content-Type: multipart/mixed; boundary="w"',
        "",
        "--w",
        "Content-Type: text/plain",
        "",
        "See attached.",
        "--w",
        'Content-Type: application/ms-tnef; name="winmail.dat"',
        "Content-Transfer-Encoding: base64",
        "",
        b64(b"this is not tnef"),
        "--w--",
        "",
    )


# --- hostile and broken input --------------------------------------------------------------


def binary_garbage() -> bytes:
    """Random bytes (seeded, so the file never changes)."""
    return random.Random(1234).randbytes(4096)


def pdf_named_eml() -> bytes:
    """A PDF saved under an .eml name."""
    return PDF_ONE + bytes(range(256))


def no_headers() -> bytes:
    """Plain prose: no header lines at all."""
    return b"Hello, this is just a note.\nNothing here is a header.\n"


def truncated_mime() -> bytes:
    """A multipart cut off in the middle of an attachment's base64."""
    return thunderbird_two_pdfs()[:-120]


def unclosed_boundary() -> bytes:
    """A multipart whose closing boundary never comes."""
    return lines(
        *headers("Unclosed"),
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Body before the unclosed part.",
        pdf_part("b", "partial.pdf", PDF_ONE),
        "",
    )


def bad_base64() -> bytes:
    """Base64 with stray characters, and base64 with a lone trailing character."""
    good = base64.b64encode(PDF_ONE).decode("ascii")
    return lines(
        *headers("Bad base64"),
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Two damaged attachments follow.",
        "--b",
        'Content-Type: application/pdf; name="stray.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        good[:20] + "!!**" + good[20:],
        "--b",
        'Content-Type: application/pdf; name="padding.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        good.rstrip("=") + "Q",
        "--b--",
        "",
    )


def unknown_charset() -> bytes:
    """A charset nobody has heard of, over Latin-1 bytes."""
    head = lines(*headers("Unknown charset"), 'Content-Type: text/plain; charset="x-klingon"', "")
    return head + b"\r\nCaf\xe9 cr\xe8me\r\n"


def lying_charset() -> bytes:
    """Declared UTF-8, actually Windows-1252 (with a curly quote)."""
    head = lines(*headers("Lying charset"), "Content-Type: text/plain; charset=utf-8", "")
    return head + b"\r\nIt\x92s caf\xe9 time\r\n"


def codec_charset() -> bytes:
    """Charsets that name Python codecs which are not charsets."""
    return lines(
        *headers("=?rot13?q?Uryyb?= and =?punycode?q?abc?="),
        "Content-Type: text/plain; charset=punycode",
        "",
        "plain text",
        "",
    )


def long_header_lines() -> bytes:
    """200 kB header lines: subject, recipients and an unknown header."""
    recipients = ", ".join(f"user{i}@example.org" for i in range(12_000))
    return lines(
        *headers("A" * 200_000, To=recipients, X_Padding="x" * 200_000),
        "",
        "Body after huge headers.",
        "",
    )


def header_injection() -> bytes:
    """Encoded words that decode to CR/LF plus new headers."""
    evil = "=?utf-8?q?Hello=0D=0ABcc=3A_attacker=40evil.example?="
    return lines(
        *headers(
            evil,
            From="=?utf-8?q?Mallory=0D=0ABcc=3A_x=40evil.example?= <mallory@evil.example>",
            To="=?utf-8?q?victim=3E=2C_other=40evil.example?= <victim@example.org>",
        ),
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "Body.",
        "--b",
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename="=?utf-8?q?a=0D=0AContent-Type=3A_x.txt?="',
        "",
        "data",
        "--b--",
        "",
    )


def header_bombs() -> bytes:
    """Header values that make the stdlib's parsers recurse or go quadratic."""
    return lines(
        "From: " + "(" * 5000 + "a@example.org",
        "To: " + "g:" * 8000,
        "Cc: " + '"a' * 8000,
        "Subject: " + "=?utf-8?q?a?= " * 1000,
        "Date: " + "(" * 5000,
        "Message-ID: " + "<" * 16000,
        'Content-Type: multipart/mixed; boundary="b"; ' + 'x=";' * 4000,
        "",
        "--b",
        "Content-Type: text/plain; name=" + ';"' * 5000,
        "Content-Disposition: attachment; filename=" + "(" * 5000,
        "Content-Transfer-Encoding: " + '"(<,' * 4000,
        "",
        "part body",
        "--b--",
        "",
    )


def bad_date() -> bytes:
    """A Date header that no parser can read."""
    return lines(*headers("Bad date", Date="the day after tomorrow, at noon-ish"), "", "x", "")


def missing_date() -> bytes:
    """No Date header, but a Received header with a timestamp."""
    received = "from mx.example.org by mx.example.net; Wed, 06 Mar 2024 10:00:00 +0100"
    return lines(*headers("No date", Date="", Received=received), "", "x", "")


def zoneless_date() -> bytes:
    """A date with the "-0000" zone, which RFC 5322 says means "unknown"."""
    return lines(*headers("Zoneless", Date="Tue, 05 Mar 2024 09:15:00 -0000"), "", "x", "")


def deep_nesting(depth: int = 500) -> bytes:
    """Multiparts nested ``depth`` levels deep."""
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="n{i}"{CRLF}{CRLF}--n{i}{CRLF}'
        for i in range(depth)
    )
    closing = "".join(f"{CRLF}--n{i}--{CRLF}" for i in reversed(range(depth)))
    return lines(*headers("Deep")) + (
        CRLF + opening + "Content-Type: text/plain" + CRLF + CRLF + "deep body" + closing
    ).encode("ascii")


def many_parts(count: int = 300) -> bytes:
    """Hundreds of small attachments, all called the same."""
    parts = [
        CRLF.join(
            [
                "--b",
                'Content-Type: text/plain; name="note.txt"',
                'Content-Disposition: attachment; filename="note.txt"',
                "",
                f"note {i}",
            ]
        )
        for i in range(count)
    ]
    return lines(
        *headers("Many parts"),
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        *parts,
        "--b--",
        "",
    )


#: File names an attacker would use, as they appear in Content-Disposition.
HOSTILE_NAMES = (
    "../../etc/passwd",
    "..\\\\..\\\\boot.ini",
    "/abs/path/secret.txt",
    "C:\\\\x\\\\autoexec.bat",
    "\\\\\\\\server\\\\share\\\\unc.doc",
    "CON",
    "nul.txt",
    "COM1.pdf",
    "lpt9.tar.gz",
    "report.pdf",
    "report.pdf",
    "Report.PDF",
    "  ..hidden.txt. . ",
    "tab\tand\x07bell.txt",
)


def hostile_names() -> bytes:
    """Path traversal, Windows paths, device names, duplicates, an RTL override."""
    parts = [
        CRLF.join(
            [
                "--b",
                "Content-Type: application/octet-stream",
                f'Content-Disposition: attachment; filename="{name}"',
                "",
                f"payload {index}",
            ]
        )
        for index, name in enumerate(HOSTILE_NAMES)
    ]
    rtl = CRLF.join(
        [
            "--b",
            "Content-Type: application/octet-stream",
            "Content-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe",
            "",
            "rtl payload",
        ]
    )
    return lines(
        *headers("Hostile names"),
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        *parts,
        rtl,
        "--b--",
        "",
    )


def raw_8bit_headers() -> bytes:
    """Undeclared 8-bit header text: UTF-8 in the subject, Latin-1 in the sender name."""
    return (
        b"From: Jos\xe9 Garc\xeda <jose@example.es>\r\n"
        b"To: frank@example.org\r\n"
        b"Subject: Solicitud de informaci\xc3\xb3n\r\n"
        b"Date: Tue, 05 Mar 2024 09:15:00 +0000\r\n\r\nbody\r\n"
    )


def bom_and_blank_lines() -> bytes:
    """A UTF-8 byte-order mark and blank lines before the headers (Windows tools)."""
    return b"\xef\xbb\xbf\r\n\r\n" + lines(*headers("BOM first"), "", "body", "")


# --- Outlook .msg ([MS-OXMSG]) and TNEF ([MS-OXTNEF]) ------------------------------------

_PT_LONG, _PT_BOOLEAN, _PT_SYSTIME = 0x0003, 0x000B, 0x0040
_PT_UNICODE, _PT_BINARY, _PT_OBJECT = 0x001F, 0x0102, 0x000D
_MSG_HEADER = b"\0" * 8 + struct.pack("<IIII", 1, 1, 1, 1) + b"\0" * 8
_EMBEDDED_HEADER = b"\0" * 8 + struct.pack("<IIII", 1, 0, 1, 0)
_SUB_HEADER = b"\0" * 8


def _filetime(moment: datetime) -> int:
    return int((moment - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


class _MsgWriter:
    """Writes property objects (message, recipient, attachment) into an OLE writer."""

    def __init__(self) -> None:
        from extract_msg.ole_writer import OleWriter

        self.ole = OleWriter()

    def add_object(
        self,
        path: list[str],
        header: bytes,
        strings: dict[int, str],
        binaries: dict[int, bytes] | None = None,
        numbers: dict[int, tuple[int, int]] | None = None,
    ) -> None:
        """One storage: string and binary streams plus a fixed-size property stream."""
        entries = bytearray(header)
        for prop_id, (prop_type, value) in (numbers or {}).items():
            entries += struct.pack("<IIQ", (prop_id << 16) | prop_type, 6, value)
        for prop_id, text in strings.items():
            data = text.encode("utf-16-le")
            self.ole.addEntry([*path, f"__substg1.0_{prop_id:04X}001F"], data)
            entries += struct.pack("<IIII", (prop_id << 16) | _PT_UNICODE, 6, len(data) + 2, 0)
        for prop_id, blob in (binaries or {}).items():
            self.ole.addEntry([*path, f"__substg1.0_{prop_id:04X}0102"], blob)
            entries += struct.pack("<IIII", (prop_id << 16) | _PT_BINARY, 6, len(blob), 0)
        self.ole.addEntry([*path, "__properties_version1.0"], bytes(entries))

    def to_bytes(self) -> bytes:
        """The finished compound file."""
        import io

        buffer = io.BytesIO()
        self.ole.write(buffer)
        return buffer.getvalue()


def outlook_msg() -> bytes:
    """An Outlook message with To/Cc, HTML, a PDF and an attached Outlook message."""
    writer = _MsgWriter()
    for stream in ("00020102", "00030102", "00040102"):
        writer.ole.addEntry(["__nameid_version1.0", f"__substg1.0_{stream}"], b"")
    sent = _filetime(datetime(2024, 3, 5, 9, 15, tzinfo=UTC))
    transport = CRLF.join(
        [
            "From: DWP FOI Team <foi-requests@dwp.example.gov.uk>",
            "To: Frank Zola <frank@example.org>",
            "Subject: Your FOI request FOI2024-01234",
            "Message-ID: <outlook-1@dwp.example.gov.uk>",
            "In-Reply-To: <request-1@example.org>",
            "References: <request-1@example.org>",
            "Date: Tue, 05 Mar 2024 09:15:00 +0000",
            "",
            "",
        ]
    )
    writer.add_object(
        [],
        _MSG_HEADER[:16] + struct.pack("<II", 2, 2) + _MSG_HEADER[24:],
        {
            0x001A: "IPM.Note",
            0x0037: "Your FOI request FOI2024-01234",
            0x0C1A: "DWP FOI Team",
            0x0C1F: "foi-requests@dwp.example.gov.uk",
            0x5D01: "foi-requests@dwp.example.gov.uk",
            0x0E04: "Frank Zola",
            0x0E03: "Case Officer",
            0x1000: "Dear Frank Zola,\r\n\r\nPlease find our response attached.",
            0x1035: "<outlook-1@dwp.example.gov.uk>",
            0x1042: "<request-1@example.org>",
            0x007D: transport,
        },
        {0x1013: b'<html><body><p>Dear Frank Zola,</p><img src="http://t.example/p.gif">'},
        {0x0039: (_PT_SYSTIME, sent), 0x340D: (_PT_LONG, 0x40000), 0x0E07: (_PT_LONG, 1)},
    )
    for index, (name, address, kind) in enumerate(
        [("Frank Zola", "frank@example.org", 1), ("Case Officer", "officer@example.gov.uk", 2)]
    ):
        writer.add_object(
            [f"__recip_version1.0_#{index:08X}"],
            _SUB_HEADER,
            {0x3001: name, 0x39FE: address, 0x3003: address},
            numbers={0x0C15: (_PT_LONG, kind)},
        )
    writer.add_object(
        ["__attach_version1.0_#00000000"],
        _SUB_HEADER,
        {0x3707: "FOI2024-01234 response.pdf", 0x3704: "RESPON~1.PDF", 0x370E: "application/pdf"},
        {0x3701: PDF_ONE},
        {0x3705: (_PT_LONG, 1)},
    )
    _add_embedded_message(writer, ["__attach_version1.0_#00000001"])
    return writer.to_bytes()


def _add_embedded_message(writer: _MsgWriter, path: list[str]) -> None:
    """An attached Outlook message (attach method 5) with its own PDF."""
    writer.add_object(
        path, _SUB_HEADER, {0x3001: "Search results"}, numbers={0x3705: (_PT_LONG, 5)}
    )
    inner = [*path, "__substg1.0_3701000D"]
    writer.add_object(
        inner,
        _EMBEDDED_HEADER,
        {
            0x001A: "IPM.Note",
            0x0037: "Search results",
            0x0C1A: "Records Office",
            0x0C1F: "records@example.gov.uk",
            0x1000: "Inner message body.",
        },
        numbers={0x340D: (_PT_LONG, 0x40000)},
    )
    writer.add_object(
        [*inner, "__attach_version1.0_#00000000"],
        _SUB_HEADER,
        {0x3707: "search log.pdf", 0x370E: "application/pdf"},
        {0x3701: PDF_TWO},
        {0x3705: (_PT_LONG, 1)},
    )


def damaged_msg() -> bytes:
    """OLE2 magic followed by garbage."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(7).randbytes(3000)


def truncated_msg() -> bytes:
    """The first kilobyte of a valid .msg."""
    return outlook_msg()[:1024]


def _tnef_attribute(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def tnef(files: list[tuple[str, bytes]]) -> bytes:
    """A minimal winmail.dat: version, code page, class, then each file's attributes."""
    message, attachment = 0x01, 0x02
    blob = bytearray(struct.pack("<IH", 0x223E9F78, 0x0001))
    blob += _tnef_attribute(message, 0x00089006, struct.pack("<I", 0x00010000))
    blob += _tnef_attribute(message, 0x00069007, struct.pack("<II", 1252, 0))
    blob += _tnef_attribute(message, 0x00078008, b"IPM.Microsoft Mail.Note\0")
    for name, data in files:
        rendering = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)
        blob += _tnef_attribute(attachment, 0x00069002, rendering)
        blob += _tnef_attribute(attachment, 0x00018010, name.encode("ascii") + b"\0")
        blob += _tnef_attribute(attachment, 0x0006800F, data)
    return bytes(blob)


# --- the corpus ----------------------------------------------------------------------------

#: Relative file name -> generator. Names say what each file exercises.
CORPUS: dict[str, Callable[[], bytes]] = {
    "good/thunderbird-two-pdfs.eml": thunderbird_two_pdfs,
    "good/html-tracking-pixel.eml": html_tracking_pixel,
    "good/html-only.eml": html_only,
    "good/auto-ack.eml": auto_ack,
    "good/ack-wording-only.eml": ack_wording_only,
    "good/forwarded.eml": forwarded,
    "good/three.mbox": mbox_three,
    "good/winmail.eml": winmail,
    "good/outlook.msg": outlook_msg,
    "hostile/empty.eml": lambda: b"",
    "hostile/whitespace.eml": lambda: b"\r\n \r\n\t\n",
    "hostile/binary-garbage.eml": binary_garbage,
    "hostile/pdf-named.eml": pdf_named_eml,
    "hostile/no-headers.eml": no_headers,
    "hostile/truncated-mime.eml": truncated_mime,
    "hostile/unclosed-boundary.eml": unclosed_boundary,
    "hostile/bad-base64.eml": bad_base64,
    "hostile/unknown-charset.eml": unknown_charset,
    "hostile/lying-charset.eml": lying_charset,
    "hostile/codec-charset.eml": codec_charset,
    "hostile/long-header-lines.eml": long_header_lines,
    "hostile/header-injection.eml": header_injection,
    "hostile/header-bombs.eml": header_bombs,
    "hostile/bad-date.eml": bad_date,
    "hostile/missing-date.eml": missing_date,
    "hostile/zoneless-date.eml": zoneless_date,
    "hostile/deep-nesting.eml": deep_nesting,
    "hostile/many-parts.eml": many_parts,
    "hostile/hostile-names.eml": hostile_names,
    "hostile/raw-8bit-headers.eml": raw_8bit_headers,
    "hostile/bom-and-blank-lines.eml": bom_and_blank_lines,
    "hostile/broken-winmail.eml": broken_winmail,
    "hostile/damaged.msg": damaged_msg,
    "hostile/truncated.msg": truncated_msg,
    "hostile/not-ole.msg": no_headers,
}


def write_corpus(root: Path) -> dict[str, Path]:
    """Write every corpus file under ``root``; return name -> path."""
    written: dict[str, Path] = {}
    for name, make in CORPUS.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make())
        written[name] = target
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUT_DIR")
    for path in write_corpus(Path(sys.argv[1])).values():
        print(path)
