"""Shared fixtures: a fresh profile on disk and a Desk with a fixed "today".

``--engine=postgresql`` gives every test's ``profile`` (and so its ``desk``) a database
of its own on the session's PostgreSQL server instead of a SQLite file (``engines.py``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English whatever the machine's locale, and so do the processes they start.
os.environ["LANGUAGE"] = "en"
# Holiday tables kept between processes go to a folder of the run's own, not the user's.
os.environ.setdefault("FOIDESK_CACHE_DIR", tempfile.mkdtemp(prefix="foidesk-test-cache-"))

from foidesk.core import i18n
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile

FIXED_TODAY = date(2024, 4, 10)

#: ``postgres_server`` and ``postgres_url``: a real PostgreSQL for the tests that need one.
pytest_plugins = ["postgres_server", "engines"]


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    """Each test starts in English; one that chooses another language cannot leak it."""
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture
def profile(tmp_path: Path, database_url: str | None) -> Profile:
    """A new profile: a SQLite file in its folder, or a fresh PostgreSQL database."""
    return resolve_profile(tmp_path / "profile", database_url)


@pytest.fixture(scope="session")
def populated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed profile with 40 requests, 160 messages, 40 files and a backup (made once)."""
    from damage import populate

    folder = tmp_path_factory.mktemp("populated") / "profile"
    populate(folder)
    return folder


@pytest.fixture
def populated(populated_template: Path, tmp_path: Path) -> Profile:
    """A copy of ``populated_template`` of the test's own, to damage at will."""
    from damage import copy_profile

    return copy_profile(populated_template, tmp_path / "profile")


@pytest.fixture
def desk(profile: Profile) -> Iterator[Desk]:
    with Desk.open(profile, today=lambda: FIXED_TODAY) as opened:
        yield opened
