"""Generates test mail for what real gateways send: each file built from its format's
specification, shaped like what old Exchange, Lotus and web-mail gateways emit.

- RFC 2045/2046 (MIME parts, transfer encodings), RFC 2047 (encoded words) —
  including the ways gateways break them: raw 8-bit bytes inside a Q word, a
  part labelled base64 that is plain text, a body with no charset at all.
- uuencode (POSIX ``uuencode``: ``begin MODE NAME``, length-prefixed lines,
  a backquote line, ``end``), inline in a text body as Exchange and Lotus
  gateways still send it — also with damaged lines and no ``end``.
- [MS-OXTNEF] ``winmail.dat`` whose only body is HTML (PidTagBodyHtml) or
  compressed RTF (PidTagRtfCompressed, [MS-OXRTFCP]), inside MAPI property
  attributes (attMsgProps).

Nothing here came from a real mailbox; every byte is made by this code. To
look at the files: ``python tests/data/mail/make_real_world.py OUT_DIR``.
"""

from __future__ import annotations

import base64
import binascii
import struct
import sys
from collections.abc import Callable
from pathlib import Path

CRLF = "\r\n"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
HAPPY = b"Happy birthday!\nThe minutes of the meeting are attached below.\n" * 3
CHINESE = "您好，关于您的信息公开申请，我们已经收到并将在二十个工作日内答复。"


def head(subject: str, message_id: str = "<rw-1@gateway.example.gov.uk>", **extra: str) -> bytes:
    """A header block as a gateway writes it; keyword arguments add headers."""
    fields = {
        "From": "Records Office <records@gateway.example.gov.uk>",
        "To": "Frank Zola <frank@example.org>",
        "Subject": subject,
        "Date": "Tue, 05 Mar 2024 09:15:00 +0000",
        "Message-ID": message_id,
    }
    fields.update({key.replace("_", "-"): value for key, value in extra.items()})
    return "".join(f"{key}: {value}{CRLF}" for key, value in fields.items()).encode("ascii")


def crlf(text: str) -> bytes:
    return text.replace("\n", CRLF).encode("ascii")


# --- uuencode ------------------------------------------------------------------------------


def uuencode(name: str, data: bytes, mode: str = "644") -> str:
    """POSIX uuencode: 45 bytes a line, each line led by its length character."""
    body = "".join(
        binascii.b2a_uu(data[i : i + 45]).decode("ascii") for i in range(0, len(data), 45)
    )
    return f"begin {mode} {name}\n{body}`\nend\n"


def uuencode_inline() -> bytes:
    """Two uuencoded files inside a plain text body, as an old Exchange gateway sends."""
    text = (
        "Dear Mr Zola,\n\nPlease find the documents below.\n\n"
        + uuencode("Happy.txt", HAPPY)
        + "\n"
        + uuencode("minutes 2024.pdf", PDF)
        + "\nYours sincerely,\nRecords Office\n"
    )
    return head("Documents (uuencoded)") + b"\r\n" + crlf(text)


def uuencode_damaged() -> bytes:
    """A uuencoded file with a damaged line and no ``end`` line, the body cut after it."""
    block = uuencode("Happy.txt", HAPPY).splitlines()
    block[2] = block[2][:20] + "\x7f\x7f" + block[2][22:]  # bytes outside the alphabet
    cut = "\n".join(block[:-2])  # no backquote line, no "end"
    return head("Truncated uuencode") + b"\r\n" + crlf(f"See the file:\n\n{cut}\n")


# --- RFC 2047 and 2045 as gateways break them ------------------------------------------------


def rfc2047_raw_8bit() -> bytes:
    """Q-encoded words carrying raw Latin-1 bytes (0xF6) where ``=F6`` belongs."""
    return (
        b"From: =?iso-8859-1?Q?J=FCrgen_M\xfcller?= <juergen@amt.example.de>\r\n"
        b"To: frank@example.org\r\n"
        b"Subject: =?iso-8859-1?Q?Die_Hasen_und_die_Fr\xf6sche?=\r\n"
        b"Date: Tue, 05 Mar 2024 09:15:00 +0100\r\n"
        b"Message-ID: <rw-2047@amt.example.de>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        b"Sehr geehrter Herr Zola,\r\nanbei die Antwort.\r\n"
    )


def fake_base64() -> bytes:
    """A text part labelled base64 whose content is the plain word "stuff"."""
    return (
        head("Fake base64") + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nstuff\r\n"
    )


def fake_base64_prose() -> bytes:
    """A whole paragraph of prose labelled base64 (a gateway's copied header)."""
    return (
        head("Fake base64 prose")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n"
        b"\r\nThank you for your request.\r\nWe will reply within twenty working days.\r\n"
    )


def gb2312_undeclared() -> bytes:
    """Chinese text in GB2312 with no charset anywhere (8bit, as many web gateways send)."""
    return (
        head("Request received")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n"
        b"\r\n" + CHINESE.encode("gb2312") + b"\r\n"
    )


def cp1251_declared_ascii() -> bytes:
    """Russian text in Windows-1251 declared as US-ASCII: the label is wrong."""
    text = "Здравствуйте, ваш запрос получен и будет рассмотрен в установленный срок."
    return (
        head("Request received", Content_Type="text/plain; charset=us-ascii")
        + b"MIME-Version: 1.0\r\n\r\n"
        + text.encode("cp1251")
        + b"\r\n"
    )


def latin1_declared() -> bytes:
    """Latin-1 declared and valid: the label is kept, nothing is guessed."""
    return (
        head("Declared Latin-1")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + "Caf\xe9 cr\xe8me, s'il vous pla\xeet.".encode("latin-1")
        + b"\r\n"
    )


# --- TNEF ([MS-OXTNEF]) with only a body -------------------------------------------------------

_LVL_MESSAGE = 0x01
_ATT_MSG_PROPS = 0x00069003
_PT_BINARY = 0x0102
_PID_BODY_HTML = 0x1013
_PID_RTF_COMPRESSED = 0x1009
HTML_BODY = (
    "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
    "<p>Dear Mr Zola,</p><p>Your request <b>FOI-4411</b> has been answered in full."
    "</p><p>The <a href='https://www.example.gov.uk/foi'>disclosure log</a> lists it."
    "</p><img src='https://tracker.example/p.gif'></body></html>"
)
RTF_BODY = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}"
    r"\f0\fs22 Dear Mr Zola,\par\par Your request FOI-5522 was refused under "
    r"section 40(2).\par Caf\'e9 minutes are not held.\par}"
)


def _attribute(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def _binary_property(tag: int, value: bytes) -> bytes:
    """One MAPI property of type PtypBinary: count 1, length, bytes padded to 4."""
    padding = b"\0" * (-len(value) % 4)
    return struct.pack("<HHII", _PT_BINARY, tag, 1, len(value)) + value + padding


def tnef_body(properties: list[tuple[int, bytes]]) -> bytes:
    """A winmail.dat: signature, key, version, code page, class, one attMsgProps."""
    blob = bytearray(struct.pack("<IH", 0x223E9F78, 0x0001))
    blob += _attribute(_LVL_MESSAGE, 0x00089006, struct.pack("<I", 0x00010000))
    blob += _attribute(_LVL_MESSAGE, 0x00069007, struct.pack("<II", 1252, 0))
    blob += _attribute(_LVL_MESSAGE, 0x00078008, b"IPM.Microsoft Mail.Note\0")
    props = struct.pack("<I", len(properties))
    props += b"".join(_binary_property(tag, value) for tag, value in properties)
    blob += _attribute(_LVL_MESSAGE, _ATT_MSG_PROPS, props)
    return bytes(blob)


#: [MS-OXRTFCP] 2.1.2.1: the dictionary every compressed RTF stream starts from.
_RTF_DICTIONARY = (
    b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\"
    b"fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New "
    b"RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\"
    b"f0\\fs20\\b\\i\\u\\tab\\tx"
)


def compressed_rtf(rtf: bytes) -> bytes:
    """[MS-OXRTFCP] LZFu compression: "{\\rtf1\\ansi" as a reference into the initial
    dictionary, the rest as literals, then the end reference (to the write position)."""
    prefix = b"{\\rtf1\\ansi"
    assert rtf.startswith(prefix) and _RTF_DICTIONARY.startswith(prefix)
    tokens: list[bytes | int] = [
        len(prefix),
        *(rtf[i : i + 1] for i in range(len(prefix), len(rtf))),
    ]
    write_at = (len(_RTF_DICTIONARY) + len(rtf)) % 4096
    tokens.append(-1)  # the end marker
    out = bytearray()
    for start in range(0, len(tokens), 8):
        group = tokens[start : start + 8]
        out.append(sum(1 << bit for bit, token in enumerate(group) if isinstance(token, int)))
        for token in group:
            if token == -1:
                out += struct.pack(">H", write_at << 4)
            elif isinstance(token, int):
                out += struct.pack(">H", (0 << 4) | (token - 2))  # offset 0, length token
            else:
                out += token
    crc = ~binascii.crc32(bytes(out), 0xFFFFFFFF) & 0xFFFFFFFF  # CRC-32, initial 0, no final xor
    return struct.pack("<IIII", len(out) + 12, len(rtf), 0x75465A4C, crc) + bytes(out)


def _tnef_mail(subject: str, blob: bytes) -> bytes:
    encoded = base64.encodebytes(blob).decode("ascii").replace("\n", CRLF)
    return (
        head(subject)
        + crlf(
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="tnef"\n\n'
            '--tnef\nContent-Type: application/ms-tnef; name="winmail.dat"\n'
            'Content-Disposition: attachment; filename="winmail.dat"\n'
            "Content-Transfer-Encoding: base64\n\n"
        )
        + encoded.encode("ascii")
        + crlf("\n--tnef--\n")
    )


def tnef_html_only() -> bytes:
    """Outlook's winmail.dat is the whole message: the HTML body is inside it, no files."""
    return _tnef_mail("TNEF HTML only", tnef_body([(_PID_BODY_HTML, HTML_BODY.encode())]))


ENCAPSULATED_HTML_RTF = (
    r"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"
    r"{\*\htmltag19 <html>}{\*\htmltag50 <body>}{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 "
    r"Dear Mr Zola, the caf\'e9 contract FOI-6633 is attached.\htmlrtf \par}\htmlrtf0 "
    r"{\*\htmltag72 </p>}{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"
)


def tnef_rtf_html() -> bytes:
    """Outlook's usual form: compressed RTF that encapsulates the HTML body."""
    rtf = compressed_rtf(ENCAPSULATED_HTML_RTF.encode("ascii"))
    return _tnef_mail("TNEF encapsulated HTML", tnef_body([(_PID_RTF_COMPRESSED, rtf)]))


def tnef_rtf_only() -> bytes:
    """The same with the body as compressed RTF only (older Outlook, rich text)."""
    rtf = compressed_rtf(RTF_BODY.encode("ascii"))
    return _tnef_mail("TNEF RTF only", tnef_body([(_PID_RTF_COMPRESSED, rtf)]))


def tnef_files_and_body() -> bytes:
    """A text/plain MIME body, and a winmail.dat with an HTML body and a file: the MIME
    body stays the body, the file is expanded."""
    blob = bytearray(tnef_body([(_PID_BODY_HTML, b"<p>TNEF copy of the body</p>")]))
    rendering = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)
    blob += _attribute(0x02, 0x00069002, rendering)
    blob += _attribute(0x02, 0x00018010, b"letter.pdf\0")
    blob += _attribute(0x02, 0x0006800F, PDF)
    encoded = base64.encodebytes(bytes(blob)).decode("ascii").replace("\n", CRLF)
    return (
        head("TNEF with a MIME body")
        + crlf(
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="tnef"\n\n'
            "--tnef\nContent-Type: text/plain\n\nThe MIME body.\n"
            '--tnef\nContent-Type: application/ms-tnef; name="winmail.dat"\n'
            "Content-Transfer-Encoding: base64\n\n"
        )
        + encoded.encode("ascii")
        + crlf("\n--tnef--\n")
    )


INNER_EMAIL = crlf(
    "From: Case Officer <officer@gateway.example.gov.uk>\nTo: foi@gateway.example.gov.uk\n"
    "Subject: Search of the archive\nDate: Mon, 04 Mar 2024 16:00:00 +0000\n"
    "Message-ID: <inner-archive@gateway.example.gov.uk>\n\n"
    "The archive search found nineteen files about the depot.\n"
)


def _forward(subject: str, part: bytes) -> bytes:
    return (
        head(subject)
        + crlf('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="fw"\n\n')
        + crlf("--fw\nContent-Type: text/plain\n\nForwarded below.\n--fw\n")
        + part
        + crlf("\n--fw--\n")
    )


def attached_email_base64() -> bytes:
    """An attached email sent base64-encoded, which RFC 2046 5.2.1 forbids (Exchange does it)."""
    encoded = base64.encodebytes(INNER_EMAIL).replace(b"\n", b"\r\n")
    return _forward(
        "Fwd: base64 attached email",
        crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n") + encoded,
    )


def attached_email_junk_header() -> bytes:
    """A part header with a line that is no header at all, before the attached email."""
    return _forward(
        "Fwd: damaged part header",
        crlf("Content-Type: message/rfc822\nContent-Disposition: attachment\n")
        + b"Attached message follows\r\n\r\n"
        + INNER_EMAIL,
    )


def attached_email_no_separator() -> bytes:
    """The attached email's headers run on from the part header: no blank line between."""
    return _forward(
        "Fwd: no blank line",
        crlf("Content-Type: message/rfc822\nContent-Disposition: attachment\n") + INNER_EMAIL,
    )


def deep_multiparts(depth: int = 5000) -> bytes:
    """``depth`` nested multiparts with the text and a PDF at the bottom (a mail bomb)."""
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="d{i}"\n\n--d{i}\n' for i in range(depth)
    )
    leaves = (
        "Content-Type: text/plain\n\nThe text at the bottom.\n"
        f"--d{depth - 1}\n"
        'Content-Type: application/pdf; name="deep.pdf"\nContent-Transfer-Encoding: base64\n\n'
        + base64.b64encode(PDF).decode("ascii")
    )
    closing = "".join(f"\n--d{i}--\n" for i in reversed(range(depth)))
    return head("Deep multiparts") + crlf("MIME-Version: 1.0\n" + opening + leaves + closing)


#: Relative file name -> generator.
CASES: dict[str, Callable[[], bytes]] = {
    "uuencode-inline.eml": uuencode_inline,
    "uuencode-damaged.eml": uuencode_damaged,
    "rfc2047-raw-8bit.eml": rfc2047_raw_8bit,
    "fake-base64.eml": fake_base64,
    "fake-base64-prose.eml": fake_base64_prose,
    "gb2312-undeclared.eml": gb2312_undeclared,
    "cp1251-declared-ascii.eml": cp1251_declared_ascii,
    "latin1-declared.eml": latin1_declared,
    "tnef-html-only.eml": tnef_html_only,
    "tnef-rtf-only.eml": tnef_rtf_only,
    "tnef-rtf-html.eml": tnef_rtf_html,
    "tnef-files-and-body.eml": tnef_files_and_body,
    "attached-email-base64.eml": attached_email_base64,
    "attached-email-junk-header.eml": attached_email_junk_header,
    "attached-email-no-separator.eml": attached_email_no_separator,
    "deep-multiparts.eml": deep_multiparts,
}


def write_cases(root: Path) -> dict[str, Path]:
    """Write every case under ``root``; return name -> path."""
    root.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, make in CASES.items():
        (root / name).write_bytes(make())
        written[name] = root / name
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_real_world.py OUT_DIR")
    for path in write_cases(Path(sys.argv[1])).values():
        print(path)
