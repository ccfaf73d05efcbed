"""Loads the generator of real-world-shaped test mail (``tests/data/mail/make_real_world.py``)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

_SCRIPT = Path(__file__).parents[1] / "data" / "mail" / "make_real_world.py"


@cache
def real_world() -> ModuleType:
    """The generator module, loaded once."""
    spec = importlib.util.spec_from_file_location("foidesk_real_world_mail", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case(name: str) -> bytes:
    """The bytes of one named case."""
    data: bytes = real_world().CASES[name]()
    return data


#: The start of the uuencoded sample file, for tests that only see part of it.
HAPPY_TEXT = b"Happy birthday!\nThe minutes"
