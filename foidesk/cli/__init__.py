"""The command line: ``foidesk <command>``; with no command it opens the window.

``foidesk --version`` alone is answered here, before the parser and the command modules
are imported: scripts and package managers ask it often, and it should cost no more than
starting Python.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:
        from foidesk import __version__

        print(f"foidesk {__version__}")
        return 0
    from foidesk.cli.dispatch import main as run

    return run(argv)


__all__ = ["main"]
