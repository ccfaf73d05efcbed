"""Shared fixtures: a fresh profile on disk and a Desk with a fixed "today"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile

FIXED_TODAY = date(2024, 4, 10)


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return resolve_profile(tmp_path / "profile")


@pytest.fixture
def desk(profile: Profile) -> Iterator[Desk]:
    with Desk.open(profile, today=lambda: FIXED_TODAY) as opened:
        yield opened
