"""Address headers as display strings ("Name <a@b>") and bare lower-case addresses."""

from __future__ import annotations

import re
from email.headerregistry import AddressHeader
from email.utils import getaddresses

from foidesk.core.mail.header_policy import is_simple
from foidesk.core.mail.header_values import HEADER_ERRORS, RawHeaders, compat32_decode
from foidesk.core.mail.text_clean import one_line

#: Bounds what one address or display name can contribute to the model.
_MAX_ADDRESS_CHARS = 320
_MAX_ADDRESSES = 500
# RFC 5322 specials: a display name containing one is shown in quotes.
# The compat32 address parser recurses on nested comments and groups; in a
# value too complex for the modern parser, those characters are blanked out.
_FLATTEN = str.maketrans("():;", "    ")
_SPECIALS = re.compile(r'[][()<>@,;:\\".]')


def address_list(headers: RawHeaders, name: str) -> tuple[tuple[str, str], ...]:
    """(display name, address) pairs of header ``name``, cleaned to one line each."""
    pairs = _modern_pairs(headers, name)
    if pairs is None:
        pairs = _compat_pairs(headers, name)
    cleaned = (
        (one_line(display, _MAX_ADDRESS_CHARS), one_line(address, _MAX_ADDRESS_CHARS))
        for display, address in pairs
    )
    return tuple(pair for pair in cleaned if pair[0] or pair[1])[:_MAX_ADDRESSES]


def display_forms(pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """How each address is shown: "Name <a@b>", or just the address or name."""
    return tuple(display_form(display, address) for display, address in pairs)


def display_form(display: str, address: str) -> str:
    """One address as shown to the user, never re-encoded as RFC 2047."""
    if not address:
        return display
    if not display:
        return address
    if _SPECIALS.search(display):
        escaped = display.replace("\\", "\\\\").replace('"', '\\"')
        display = f'"{escaped}"'
    return f"{display} <{address}>"


def bare_email(address: str) -> str | None:
    """The lower-cased address if it looks like one (has a local part and a domain)."""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain or " " in address.strip():
        return None
    return address.strip().lower()


def _modern_pairs(headers: RawHeaders, name: str) -> list[tuple[str, str]] | None:
    parsed = headers.structured(name)
    if not isinstance(parsed, AddressHeader):
        return None
    try:
        return [(address.display_name, address.addr_spec) for address in parsed.addresses]
    except HEADER_ERRORS:
        return None


def _compat_pairs(headers: RawHeaders, name: str) -> list[tuple[str, str]]:
    values = [
        value if is_simple(value) else value.translate(_FLATTEN) for value in headers.all(name)
    ]
    try:
        pairs = getaddresses(values)[:_MAX_ADDRESSES]
    except HEADER_ERRORS:
        return []
    return [(compat32_decode(display), address) for display, address in pairs]
