"""The mail package stays pure: no GUI toolkit, no database."""

from __future__ import annotations

import subprocess
import sys


def test_mail_package_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, foidesk.core.mail; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'sqlalchemy'}); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
