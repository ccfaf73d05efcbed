"""The command line: ``foidesk <command>``; with no command it opens the window."""

from .main import main

__all__ = ["main"]
