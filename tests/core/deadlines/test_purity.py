"""The deadline engine stays pure: no Qt, no database, importable on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import foidesk

REPO = Path(foidesk.__file__).resolve().parent.parent


def test_importing_the_engine_loads_neither_qt_nor_a_database() -> None:
    script = (
        "import sys\n"
        "import foidesk.core.deadlines, foidesk.core.deadlines.ics\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'sqlalchemy', 'alembic', 'sqlite3'})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == ""
