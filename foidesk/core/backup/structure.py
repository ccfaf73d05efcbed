"""Opening a backup file without trusting it.

Before one byte of content is read, the ZIP's directory is checked: only the member
names a backup can have, only regular files, no member claiming to expand beyond
what DEFLATE can produce, no members sharing bytes (the overlapping-entry bomb), and
a manifest that agrees with the directory. Anything else is refused here.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from foidesk.core.backup import layout
from foidesk.core.backup.manifest import (
    MAX_MANIFEST_BYTES,
    Manifest,
    ManifestError,
    MemberEntry,
    MemberKind,
    parse_manifest,
)
from foidesk.core.backup.problems import Problem, ProblemKind, Refused
from foidesk.core.backup.summary import Summary, ends_whole, parse_summary
from foidesk.core.errors import NotFoundError
from foidesk.core.i18n import N_, _, ngettext

MAX_DEFLATE_RATIO = 1032  # DEFLATE cannot expand more than this; more is a forged size
RATIO_SLACK = 64 << 10
_LOCAL_HEADER = 30
_ENCRYPTED = 0x1
_UTF8_NAME = 0x800
_DOS_DIRECTORY = 0x10
_DRIVE = re.compile(r"[A-Za-z]:")

NOT_A_BACKUP, UNSAFE, DAMAGED, TOO_NEW = (
    ProblemKind.NOT_A_BACKUP,
    ProblemKind.UNSAFE,
    ProblemKind.DAMAGED,
    ProblemKind.TOO_NEW,
)


@dataclass
class OpenedBackup:
    """A backup whose directory and manifest passed every check; content not yet read."""

    path: Path
    archive: zipfile.ZipFile
    manifest: Manifest

    def info(self, name: str) -> zipfile.ZipInfo:
        return self.archive.getinfo(name)

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> OpenedBackup:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_backup(path: Path) -> OpenedBackup:
    """Open and check ``path``; raises ``Refused`` listing every problem found."""
    archive = _open_zip(path)
    try:
        problems = directory_problems(archive)
        if problems:
            raise Refused(problems)
        manifest = _read_manifest(archive)
        problems = manifest_problems(archive, manifest)
        if problems:
            raise Refused(problems)
    except BaseException:
        archive.close()
        raise
    return OpenedBackup(path, archive, manifest)


def read_manifest_only(path: Path) -> Manifest | None:
    """The manifest of a backup for listing, or None if it cannot be read safely."""
    try:
        with _open_zip(path) as archive:
            return _read_manifest(archive)
    except Refused:
        return None


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFoundError(_("no such file: {path}").format(path=path)) from None
    if not path.is_file():
        text = _("{file} is not a file").format(file=path.name)
        raise Refused([Problem(NOT_A_BACKUP, text)])
    if size == 0:
        raise Refused([Problem(NOT_A_BACKUP, _("the file is empty"))])
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        text = _("not a foidesk backup: not a ZIP file, or cut short ({error})").format(error=exc)
        raise Refused([Problem(NOT_A_BACKUP, text)]) from None
    if not ends_whole(path):
        archive.close()
        text = _(
            "not a foidesk backup: not a ZIP file, or cut short (it ends inside its end record)"
        )
        raise Refused([Problem(NOT_A_BACKUP, text)])
    return archive


# --- the ZIP directory ----------------------------------------------------------------


def directory_problems(archive: zipfile.ZipFile) -> list[Problem]:
    infos = archive.infolist()
    problems = [p for info in infos for p in member_problems(info)]
    problems += [
        Problem(UNSAFE, _("{member} appears more than once").format(member=repr(name)))
        for name in repeated(i.filename for i in infos)
    ]
    return problems + _layout_problems(archive, infos)


def repeated(names: Iterable[str]) -> list[str]:
    """The names that occur more than once, sorted: one pass, so 50,000 members cost
    50,000 steps (counting each name in the whole list cost their square)."""
    seen = Counter(names)
    return sorted(name for name, times in seen.items() if times > 1)


def member_problems(info: zipfile.ZipInfo) -> list[Problem]:
    """What is wrong with one directory entry, judged from the entry alone."""
    name = info.orig_filename
    shown = repr(name)
    unsafe = _path_problem(name, shown) or _type_problem(info, shown)
    if unsafe:
        return [Problem(UNSAFE, unsafe)]
    problems = []
    if not layout.is_known_member(info.filename) or info.filename != name:
        text = _("{member} is not a member a foidesk backup has").format(member=shown)
        problems.append(Problem(UNSAFE, text))
    if info.flag_bits & _ENCRYPTED:
        problems.append(Problem(UNSAFE, _("{member} is encrypted").format(member=shown)))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        text = _("{member} uses compression method {method}").format(
            member=shown, method=info.compress_type
        )
        problems.append(Problem(UNSAFE, text))
    bomb = _size_problem(info, shown)
    if bomb:
        problems.append(Problem(UNSAFE, bomb))
    return problems


def _path_problem(name: str, shown: str) -> str | None:
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return _("{member} has an absolute path").format(member=shown)
    if ".." in re.split(r"[/\\]", name):
        return _("{member} has a '..' component").format(member=shown)
    if "\x00" in name:
        return _("{member} has a NUL character in its name").format(member=shown)
    return None


def _type_problem(info: zipfile.ZipInfo, shown: str) -> str | None:
    """Unix mode bits say what a member is; none at all (DOS, many tools) means a file."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return _("{member} is a symbolic link").format(member=shown)
    if info.is_dir() or info.external_attr & _DOS_DIRECTORY or kind == stat.S_IFDIR:
        return _("{member} is a folder").format(member=shown)
    if kind not in (0, stat.S_IFREG):
        return _("{member} is not a regular file").format(member=shown)
    return None


def _size_problem(info: zipfile.ZipInfo, shown: str) -> str | None:
    """Decompression bombs declare sizes no honest member of their compressed size has."""
    if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
        return ngettext(
            "{member} claims {count} byte but stores {stored} without compression",
            "{member} claims {count} bytes but stores {stored} without compression",
            info.file_size,
        ).format(member=shown, count=info.file_size, stored=info.compress_size)
    if info.file_size > MAX_DEFLATE_RATIO * info.compress_size + RATIO_SLACK:
        return ngettext(
            "{member} claims to expand from {stored} to {count} byte, beyond what DEFLATE "
            "can produce (a decompression bomb)",
            "{member} claims to expand from {stored} to {count} bytes, beyond what DEFLATE "
            "can produce (a decompression bomb)",
            info.file_size,
        ).format(member=shown, count=info.file_size, stored=info.compress_size)
    return None


def _layout_problems(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[Problem]:
    """Members must not share bytes, nor extend past the ZIP's directory."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    limit = archive.start_dir
    problems = []
    for current, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = current.header_offset + _LOCAL_HEADER + _name_length(current) + current.compress_size
        bound = limit if following is None else following.header_offset
        if end > bound:
            shown = repr(current.orig_filename)
            if following is None:
                text = _("{member} runs past the end of the data").format(member=shown)
                problems.append(Problem(NOT_A_BACKUP, text))
            else:
                problems.append(
                    Problem(UNSAFE, _("{member} overlaps another").format(member=shown))
                )
    return problems


def _name_length(info: zipfile.ZipInfo) -> int:
    encoding = "utf-8" if info.flag_bits & _UTF8_NAME else "cp437"
    try:
        return len(info.orig_filename.encode(encoding))
    except UnicodeEncodeError:
        return len(info.orig_filename.encode("utf-8"))


# --- the manifest ---------------------------------------------------------------------


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        info = archive.getinfo(layout.MANIFEST)
    except KeyError:
        text = _("not a foidesk backup: it has no manifest")
        raise Refused([Problem(NOT_A_BACKUP, text)]) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        text = ngettext(
            "the manifest claims {count} byte", "the manifest claims {count} bytes", info.file_size
        ).format(count=info.file_size)
        raise Refused([Problem(UNSAFE, text)])
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, ValueError) as exc:
        text = _("the manifest cannot be read ({error})").format(error=exc)
        raise Refused([Problem(DAMAGED, text)]) from None
    try:
        return parse_manifest(data)
    except ManifestError as exc:
        raise Refused([Problem(TOO_NEW if exc.too_new else NOT_A_BACKUP, str(exc))]) from None


def manifest_problems(archive: zipfile.ZipFile, manifest: Manifest) -> list[Problem]:
    """The manifest and the ZIP directory must list the same members, at the same sizes."""
    in_zip = {i.filename: i for i in archive.infolist() if i.filename != layout.MANIFEST}
    listed = {m.name for m in manifest.members}
    twice = _("{member} is listed twice in the manifest")
    problems = [
        Problem(DAMAGED, twice.format(member=repr(name)))
        for name in repeated(m.name for m in manifest.members)
    ]
    for entry in manifest.members:
        problems += _entry_problems(entry, in_zip.get(entry.name))
    unlisted = _("{member} is not listed in the manifest")
    problems += [
        Problem(UNSAFE, unlisted.format(member=repr(name))) for name in sorted(set(in_zip) - listed)
    ]
    if manifest.member(layout.DATABASE) is None:
        problems.append(Problem(NOT_A_BACKUP, _("the backup holds no database")))
    summary = parse_summary(archive.comment) if archive.comment else None
    if summary is not None and summary != Summary.of(manifest):
        text = _("the summary at the end of the file differs from the manifest")
        problems.append(Problem(DAMAGED, text))
    return problems


#: What the manifest may say a member is, in a sentence about it.
_KIND_SENTENCES = {
    MemberKind.DATABASE: N_("{member} is not a database"),
    MemberKind.ATTACHMENT: N_("{member} is not an attachment"),
    MemberKind.README: N_("{member} is not a readme"),
}


def _entry_problems(entry: MemberEntry, info: zipfile.ZipInfo | None) -> list[Problem]:
    """What is wrong with one manifest entry, given the ZIP's entry of that name."""
    shown = repr(entry.name)
    problems = []
    if info is None:
        text = _("{member} is in the manifest but not the file").format(member=shown)
        problems.append(Problem(DAMAGED, text))
    elif info.file_size != entry.size:
        text = ngettext(
            "{member} is {count} byte in the ZIP but {listed} in the manifest",
            "{member} is {count} bytes in the ZIP but {listed} in the manifest",
            info.file_size,
        ).format(member=shown, count=info.file_size, listed=entry.size)
        problems.append(Problem(DAMAGED, text))
    if not _kind_matches(entry.name, entry.kind):
        problems.append(Problem(DAMAGED, _(_KIND_SENTENCES[entry.kind]).format(member=shown)))
    return problems


def _kind_matches(name: str, kind: MemberKind) -> bool:
    if kind is MemberKind.DATABASE:
        return name == layout.DATABASE
    if kind is MemberKind.README:
        return name == layout.README
    return layout.digest_of_member(name) is not None
