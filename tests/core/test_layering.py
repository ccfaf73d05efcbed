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


#: The core's one face: what the window and the command line may import of it. Each
#: package here means its ``__init__`` (which says what faces use), not its modules.
PUBLIC = frozenset(
    {
        "foidesk.core.desk",
        "foidesk.core.records",
        "foidesk.core.errors",
        "foidesk.core.vocabulary",
        "foidesk.core.progress",
        "foidesk.core.changes",
        "foidesk.core.formatting",
        "foidesk.core.i18n",
        "foidesk.core.locale_format",
        "foidesk.core.phrases",
        "foidesk.core.quantities",
        "foidesk.core.profile",
        "foidesk.core.backup",
        "foidesk.core.search",
        "foidesk.core.deadlines",
        "foidesk.core.salvage",
        "foidesk.core.importing",
        "foidesk.core.replies",
        "foidesk.core.accounts",
        "foidesk.core.next_steps",
        "foidesk.core.letters",
        "foidesk.core.export",
    }
)
FACES = ("gui", "cli")


def _core_imports(source: str) -> set[str]:
    """Every ``foidesk.core…`` module a file imports, wherever in the file."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("foidesk.core")
        ):
            if node.module == "foidesk.core":
                found |= {f"foidesk.core.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("foidesk.core")}
    return found


def test_the_faces_reach_the_core_only_through_its_face() -> None:
    from pathlib import Path

    import foidesk

    root = Path(foidesk.__file__).parent
    strays = {
        f"{path.relative_to(root)}: {module}"
        for face in FACES
        for path in sorted((root / face).rglob("*.py"))
        for module in _core_imports(path.read_text(encoding="utf-8"))
        if module not in PUBLIC
    }
    assert strays == set()


def test_the_check_sees_a_stray_import() -> None:
    source = "from foidesk.core.storage.tables import Request\nfrom foidesk.core import db\n"
    assert _core_imports(source) == {"foidesk.core.storage.tables", "foidesk.core.db"}


def test_the_core_has_no_import_cycle_through_the_desk() -> None:
    """Lower modules reach the desk through a Protocol, never by importing it at their
    top (only the desk's own parts, the backup and salvage runs, and the faces do)."""
    import ast
    from pathlib import Path

    import foidesk.core

    root = Path(foidesk.core.__file__).parent
    allowed = ("backup", "salvage", "sample")
    importers = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in allowed or rel.name == "desk.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: imports inside functions are lazy
            if isinstance(node, ast.ImportFrom) and node.module == "foidesk.core.desk":
                importers.append(str(rel))
    assert importers == []
