"""Which languages text recognition reads a profile's scans in, and which are missing.

English always; to it the languages of the laws the profile's requests are made under
(a German authority answers an IFG request in German), each only when Tesseract has its
data installed: a language that is missing is named with the way to add it, and
recognition goes on in the others. No Tesseract at all leaves scans unread and says why;
nothing else in foidesk needs it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from sqlalchemy import select

from foidesk.core.i18n import _
from foidesk.core.search.service import DeskLike
from foidesk.core.storage.tables import Request

DEFAULT_LANGUAGE = "eng"
#: Tesseract's language codes for the responses each law brings, beyond English.
REGIME_LANGUAGES: dict[str, tuple[str, ...]] = {
    "de-ifg": ("deu",),
    "ca-ati": ("fra",),
    "eu-1049": ("fra", "deu"),
}


@dataclass(frozen=True)
class OcrLanguages:
    """``engine`` is False when no Tesseract was found; ``used`` joined by ``+`` is what
    Tesseract is given; ``missing`` were wanted but have no data installed."""

    engine: bool
    used: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def tesseract_argument(self) -> str:
        return "+".join(self.used)


def installed_languages() -> frozenset[str] | None:
    """The languages Tesseract has data for, or None when there is no Tesseract."""
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return None


def wanted_languages(regimes: set[str]) -> tuple[str, ...]:
    """English, then each language of the given laws once, in a stable order."""
    wanted = [DEFAULT_LANGUAGE]
    for regime in sorted(regimes):
        wanted += [code for code in REGIME_LANGUAGES.get(regime, ()) if code not in wanted]
    return tuple(wanted)


def profile_languages(desk: DeskLike) -> OcrLanguages:
    """The languages for this profile's scans: its laws' languages ∩ those installed."""
    with desk.db.reading() as session:
        regimes = set(session.scalars(select(Request.regime).distinct()))
    wanted = wanted_languages(regimes)
    installed = installed_languages()
    if installed is None:
        return OcrLanguages(False, (), wanted)
    used = tuple(code for code in wanted if code in installed)
    return OcrLanguages(True, used, tuple(code for code in wanted if code not in installed))


def how_to_add(code: str) -> str:
    """How a user adds Tesseract's data for ``code`` on this system, in one sentence."""
    if sys.platform == "darwin":
        return _("install it with Homebrew: brew install tesseract-lang")
    if sys.platform == "win32":
        return _("run the Tesseract installer again and tick the language {code}").format(code=code)
    return _("install it: apt-get install tesseract-ocr-{code}").format(code=code)


def how_to_install_engine() -> str:
    """How a user installs Tesseract itself on this system, in one sentence."""
    if sys.platform == "darwin":
        return _("install Tesseract with Homebrew: brew install tesseract")
    if sys.platform == "win32":
        return _("install Tesseract with the installer from github.com/UB-Mannheim/tesseract")
    return _("install Tesseract: apt-get install tesseract-ocr tesseract-ocr-eng")
