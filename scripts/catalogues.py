"""Keep foidesk's translation catalogues current, and check that they are.

    python scripts/catalogues.py update      # re-extract the .pot, update every .po, compile
    python scripts/catalogues.py check       # exit 1, listing every problem, unless all is well
    python scripts/catalogues.py init LANG   # start a new language's .po from the .pot

One catalogue, domain ``foidesk``: ``foidesk/locale/foidesk.pot`` is extracted from
every ``foidesk/**.py`` file that ``babel.cfg`` maps, and each language has
``foidesk/locale/<lang>/LC_MESSAGES/foidesk.po`` with its compiled ``foidesk.mo``
beside it (committed, so an install needs no build step). ``update`` and ``check``
share one writer, so a fresh extraction can be compared with the committed file
byte for byte; locations are written without line numbers, so editing a file does not
touch the catalogue unless a sentence changes.

``check`` reports: a stale ``.pot`` (it differs from a fresh extraction, the creation
date and the Babel version aside), a ``.po`` whose messages are not the template's, a
fuzzy or untranslated entry, a translation whose ``{name}`` fields or ``%`` formats
are not the original's (each plural form too), and a ``.mo`` that does not hold what
its ``.po`` says.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "foidesk"
LOCALE = Path("foidesk") / "locale"
MAPPING = "babel.cfg"
COMMENT_TAGS = ("Translators:",)
WIDTH = 76  # Babel's default, so `pybabel update` and this script write the same file
HEADER = (
    "# Translations of foidesk.\n"
    "# This file is distributed under the same license as the foidesk project.\n"
    "#"
)
#: Header lines that change without any message changing.
VOLATILE = re.compile(rb'^"(POT-Creation-Date|Generated-By): .*\\n"\n', re.MULTILINE)
PERCENT = re.compile(r"%(?:\((\w+)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")

MessageKey = tuple[str | tuple[str, ...], str | None]


def template_path(root: Path) -> Path:
    return root / LOCALE / f"{DOMAIN}.pot"


def po_paths(root: Path) -> list[Path]:
    return sorted((root / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract(root: Path) -> Catalog:
    """A fresh template from the sources ``babel.cfg`` maps."""
    with (root / MAPPING).open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project=DOMAIN, header_comment=HEADER, fuzzy=False)
    found = extract_from_dir(
        root, method_map, options_map, DEFAULT_KEYWORDS, COMMENT_TAGS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        location = (Path(filename).as_posix(), lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True, include_lineno=False)
    return buffer.getvalue()


def comparable(po_text: bytes) -> bytes:
    return VOLATILE.sub(b"", po_text)


def compile_mo(catalog: Catalog) -> bytes:
    """The ``.mo`` of every finished translation. Babel would compile a plural entry
    with an empty form too, and gettext would then show nothing for that number."""
    finished = Catalog(locale=catalog.locale, domain=DOMAIN, fuzzy=False)
    finished.mime_headers = catalog.mime_headers
    for message in _messages(catalog):
        if not message.fuzzy and all(_forms(message)):
            finished[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, finished, use_fuzzy=False)
    return buffer.getvalue()


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already says the same (dates aside): a run that
    changes no message leaves every file as it was."""
    if path.exists() and comparable(path.read_bytes()) == comparable(content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def update(root: Path) -> list[Path]:
    """Re-extract, merge into every language and compile; returns the files changed."""
    template = extract(root)
    changed = (
        [template_path(root)] if write_if_changed(template_path(root), render(template)) else []
    )
    for po_path in po_paths(root):
        catalog = read_catalog(po_path, po_path.parent.parent.name)
        catalog.update(template, update_creation_date=False)
        if write_if_changed(po_path, render(catalog)):
            changed.append(po_path)
        mo_path = po_path.with_suffix(".mo")
        if write_if_changed(mo_path, compile_mo(read_catalog(po_path))):
            changed.append(mo_path)
    return changed


def init(root: Path, language: str) -> Path:
    """A new language's catalogue, every message still untranslated."""
    po_path = root / LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po_path.exists():
        raise SystemExit(f"{po_path} exists already: run `update` instead")
    with template_path(root).open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    catalog.locale = language  # sets the language's Plural-Forms from CLDR
    catalog.fuzzy = False
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po_path.write_bytes(render(catalog))
    return po_path


def check(root: Path) -> list[str]:
    """Every problem with the catalogues under ``root``; empty when all is well."""
    problems: list[str] = []
    pot = template_path(root)
    fresh = render(extract(root))
    if not pot.exists():
        return [f"{pot.relative_to(root)} is missing: run `make catalogues`"]
    if comparable(pot.read_bytes()) != comparable(fresh):
        problems.append(
            f"{pot.relative_to(root)} is not a fresh extraction of the sources: "
            "run `make catalogues`"
        )
    with pot.open("rb") as file:
        wanted = {_key(m) for m in _messages(read_po(file))}
    for po_path in po_paths(root):
        problems.extend(_check_language(root, po_path, wanted))
    return problems


def _check_language(root: Path, po_path: Path, wanted: set[MessageKey]) -> Iterator[str]:
    name = po_path.relative_to(root)
    catalog = read_catalog(po_path, po_path.parent.parent.name)
    have = {_key(m) for m in _messages(catalog)}
    for key in sorted(wanted - have, key=str):
        yield f"{name}: {_show(key)} is missing: run `make catalogues`"
    for key in sorted(have - wanted, key=str):
        yield f"{name}: {_show(key)} is no longer in the sources: run `make catalogues`"
    for message in _messages(catalog):
        yield from (f"{name}: {_show(_key(message))} {p}" for p in message_problems(message))
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or _compiled(mo_path) != _translations(catalog):
        yield f"{mo_path.relative_to(root)} is not compiled from its .po: run `make catalogues`"


def message_problems(message: Message) -> list[str]:
    """What is wrong with one translated entry: fuzzy, untranslated, placeholders."""
    if message.fuzzy:
        return ["is fuzzy: check the translation and remove the fuzzy flag"]
    forms = _forms(message)
    if not all(forms):
        return ["is not translated"]
    originals = message.id if isinstance(message.id, tuple | list) else (message.id,)
    problems = []
    for index, form in enumerate(forms):
        original = originals[min(index, len(originals) - 1)]
        if len(forms) == 1 and len(originals) > 1:
            original = originals[1]  # one form for every number: it is the plural
        if not _same_placeholders(original, form, message.python_format):
            problems.append(
                f"has placeholders in translation {index} that differ from {original!r}"
            )
    return problems


def _same_placeholders(original: str, translation: str, percent: bool) -> bool:
    if _fields(original) != _fields(translation):
        return False
    return not percent or _percent(original) == _percent(translation)


def _fields(text: str) -> Counter[str] | None:
    """The ``{name}`` fields of ``text`` (None if it is not a format string at all)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names = (field for _, field, _, _ in parsed if field is not None)
    return Counter(re.split(r"[.\[]", name, maxsplit=1)[0] for name in names)


def _percent(text: str) -> tuple[Counter[str], list[str]]:
    """Named ``%(name)s`` formats (any order) and positional ones (in order)."""
    named: Counter[str] = Counter()
    positional: list[str] = []
    for match in PERCENT.finditer(text):
        if match.group(2) == "%":
            continue
        if match.group(1):
            named[f"{match.group(1)}:{match.group(2)}"] += 1
        else:
            positional.append(match.group(2))
    return named, positional


def _messages(catalog: Catalog) -> Iterable[Message]:
    return (message for message in catalog if message.id)


def _key(message: Message) -> MessageKey:
    identity = message.id
    return (tuple(identity) if isinstance(identity, list | tuple) else identity, message.context)


def _show(key: MessageKey) -> str:
    identity, context = key
    text = identity[0] if isinstance(identity, tuple) else identity
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def _forms(message: Message) -> tuple[str, ...]:
    text = message.string
    return tuple(text) if isinstance(text, list | tuple) else (text or "",)


def _translations(catalog: Catalog) -> dict[MessageKey, tuple[str, ...]]:
    """What a compiled catalogue holds: every finished translation."""
    return {_key(m): _forms(m) for m in _messages(catalog) if not m.fuzzy and all(_forms(m))}


def _compiled(mo_path: Path) -> dict[MessageKey, tuple[str, ...]]:
    with mo_path.open("rb") as file:
        return _translations(read_mo(file))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="re-extract, update every language, compile")
    commands.add_parser("check", help="exit 1 unless every catalogue is current and complete")
    start = commands.add_parser("init", help="start a new language from the template")
    start.add_argument("language", help="a language tag such as fr or pt_BR")
    args = parser.parse_args(argv)
    if args.command == "update":
        for path in update(args.root):
            print(f"updated {path.relative_to(args.root)}")
        return 0
    if args.command == "init":
        print(f"created {init(args.root, args.language).relative_to(args.root)}")
        return 0
    problems = check(args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
