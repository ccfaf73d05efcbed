"""The core never imports Qt: the command line and a future server depend on it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import foidesk.core


def core_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(foidesk.core.__path__, prefix="foidesk.core.")
        if ".migrations" not in info.name
    )


def test_core_has_modules_to_check() -> None:
    assert "foidesk.core.desk" in core_modules()


def test_importing_every_core_module_loads_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
