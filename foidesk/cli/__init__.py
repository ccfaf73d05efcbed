"""The command line: ``foidesk <command>``; with no command it opens the window."""

from foidesk.cli.main import main

__all__ = ["main"]
