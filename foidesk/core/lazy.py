"""Package exports loaded when first asked for (PEP 562), so that importing one light
name of a package does not load its heavy parts: every command starts by importing a
few names, and the window's first paint waits for them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, later: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``later`` maps each name to the module
    that defines it; a name asked for once is kept in the package."""

    def __getattr__(name: str) -> Any:
        if name not in later:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(later[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
