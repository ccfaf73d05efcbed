"""How many requests, messages and stored files, in words with their plural forms.

Backups, checks, salvage and the profile guard all say what a profile holds; they
say it with these phrases, so each is translated once and every language's plural
rule applies ("1 request", "3 requests"; "1 Anfrage", "3 Anfragen").
"""

from __future__ import annotations

from foidesk.core.i18n import _, ngettext


def requests(count: int) -> str:
    return ngettext("{count} request", "{count} requests", count).format(count=_n(count))


def messages(count: int) -> str:
    return ngettext("{count} message", "{count} messages", count).format(count=_n(count))


def stored_files(count: int) -> str:
    return ngettext("{count} stored file", "{count} stored files", count).format(count=_n(count))


def files(count: int) -> str:
    return ngettext("{count} file", "{count} files", count).format(count=_n(count))


def holdings(requests_: int, messages_: int, files_: int) -> str:
    """'3 requests, 12 messages, 5 stored files'."""
    return _("{requests}, {messages}, {files}").format(
        requests=requests(requests_), messages=messages(messages_), files=stored_files(files_)
    )


def _n(count: int) -> str:
    """Counts are written plainly ("2900"), as the reports always wrote them."""
    return str(count)
