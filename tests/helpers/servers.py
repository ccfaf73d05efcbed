"""What every fixture that starts a real server does when the server cannot start."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str, packages: str) -> NoReturn:
    """Skip the test naming the packages to install; fail under CI, where every
    package must be installed (`.ci/run`)."""
    message = f"{what} is not available ({packages})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
