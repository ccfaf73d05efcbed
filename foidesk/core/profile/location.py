"""Where a profile's data lives: the folder, the database URL, the attachment store."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "foidesk"
DATABASE_FILE = "foidesk.sqlite3"
DATA_DIR_ENV = "FOIDESK_DATA_DIR"
DATABASE_URL_ENV = "FOIDESK_DATABASE_URL"
MEMBER_ENV = "FOIDESK_MEMBER"
MARKER_FILE = "foidesk-profile.json"
WINDOW_SETTINGS_FILE = "window.ini"
#: Everything foidesk itself keeps in a profile folder. A folder holding anything else
#: (hidden files aside) is not taken for an empty one in which to start a new profile.
PROFILE_NAMES = frozenset(
    {
        DATABASE_FILE,
        *(f"{DATABASE_FILE}-{suffix}" for suffix in ("wal", "shm", "journal")),
        MARKER_FILE,
        WINDOW_SETTINGS_FILE,
        "attachments",
        "backups",
        "safety-copies",
        "logs",
    }
)


@dataclass(frozen=True)
class Profile:
    """One user's data: a folder (always local) and a database (SQLite in it by default).

    The folder holds the attachment store and backups even when the database is a
    shared server, because attachments are the user's own evidence copies.
    """

    data_dir: Path
    database_url: str
    #: Who works in this profile: recorded on each change, named when another member's
    #: edit is refused as stale. A setting of the person, not of the shared database.
    member: str = ""

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def safety_dir(self) -> Path:
        """Copies of the database taken before each migration."""
        return self.data_dir / "safety-copies"

    @property
    def sqlite_path(self) -> Path | None:
        """The database file when the database is SQLite on disk, else None."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        path = self.database_url[len(prefix) :].split("?", 1)[0]
        return Path(path) if path and path != ":memory:" else None


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_profile(data_dir: str | Path | None = None, database_url: str | None = None) -> Profile:
    """Pick the profile from explicit options, then the environment, then platform defaults."""
    chosen_dir = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    folder = Path(chosen_dir).expanduser().resolve()
    url = database_url or os.environ.get(DATABASE_URL_ENV) or sqlite_url(folder / DATABASE_FILE)
    return Profile(data_dir=folder, database_url=url, member=default_member())


def default_member() -> str:
    """``FOIDESK_MEMBER``, else the name the operating system knows the user by."""
    chosen = os.environ.get(MEMBER_ENV, "").strip()
    if chosen:
        return chosen
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no user database entry
        return ""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"
