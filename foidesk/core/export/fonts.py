"""Finding a Unicode TrueType font for the PDF.

The PDF must show any name or letter an authority wrote — accents, Greek, Cyrillic,
Hebrew — so its text is set in an embedded TrueType font, never in the PDF's built-in
Latin-1 fonts. DejaVu Sans covers those scripts and is on most Linux systems (Debian's
``fonts-dejavu-core``); other systems are searched in their usual font folders, and
fontconfig is asked last. ``FOIDESK_PDF_FONT`` names a regular TTF to use instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from foidesk.core.export.errors import NoFontError
from foidesk.core.i18n import _

FONT_VARIABLE = "FOIDESK_PDF_FONT"
_FC_TIMEOUT_S = 5

#: Regular, bold, monospaced file names, tried in each folder below.
_FAMILIES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansMono-Regular.ttf"),
    ("Arial Unicode.ttf", "Arial Unicode.ttf", "Arial Unicode.ttf"),
    ("arial.ttf", "arialbd.ttf", "cour.ttf"),
)
_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto",
    "/usr/local/share/fonts",
    "/opt/homebrew/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    str(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"),
)


@dataclass(frozen=True)
class FontSet:
    """The three faces the PDF uses; a missing bold or mono falls back to regular."""

    regular: Path
    bold: Path
    mono: Path


def find_fonts() -> FontSet:
    """The first complete set found; ``NoFontError`` (one sentence) when none is."""
    chosen = os.environ.get(FONT_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise NoFontError(
                _("the font {path} named by {variable} does not exist").format(
                    path=path, variable=FONT_VARIABLE
                )
            )
        return FontSet(path, path, path)
    for folder in _FOLDERS:
        found = _family_in(Path(folder))
        if found is not None:
            return found
    asked = _fontconfig()
    if asked is not None:
        return FontSet(asked, asked, asked)
    raise NoFontError(
        _(
            "no Unicode font for the PDF was found: install DejaVu Sans "
            "(on Debian or Ubuntu: apt install fonts-dejavu-core) or name a .ttf file in {variable}"
        ).format(variable=FONT_VARIABLE)
    )


def _family_in(folder: Path) -> FontSet | None:
    for regular, bold, mono in _FAMILIES:
        if (folder / regular).is_file():
            main = folder / regular
            return FontSet(main, _or(folder / bold, main), _or(folder / mono, main))
    return None


def _or(path: Path, fallback: Path) -> Path:
    return path if path.is_file() else fallback


def _fontconfig() -> Path | None:
    """Ask fontconfig for DejaVu Sans (or what it substitutes); only a .ttf will do."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        done = subprocess.run(
            [fc_match, "--format=%{file}", "DejaVu Sans"],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(done.stdout.strip())
    usable = done.returncode == 0 and path.suffix.lower() == ".ttf" and path.is_file()
    return path if usable else None
