"""A profile: where its data lives (``location``), which profile a folder holds
(``identity``), whether its database can be trusted before it is opened (``guard``,
``opening``), and its log (``log``).

Part of the core's public face: where a profile lives (``Profile``,
``resolve_profile``), why one was refused (``ProfileRefusedError``), its log, and the
helpers that keep files a face writes for the user private to them.
"""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports
from foidesk.core.profile.location import (
    APP_NAME,
    DATA_DIR_ENV,
    DATABASE_FILE,
    DATABASE_URL_ENV,
    MARKER_FILE,
    PROFILE_NAMES,
    WINDOW_SETTINGS_FILE,
    Profile,
    default_data_dir,
    resolve_profile,
    sqlite_url,
)

if TYPE_CHECKING:
    from foidesk.core.profile.guard import Option, Problem, ProfileRefusedError, backup_folder
    from foidesk.core.profile.log import start_logging, stop_logging
    from foidesk.core.storage.privacy import copy_file, ensure_private_file, make_dir, private_dir

#: Loaded when first asked for: ``resolve_profile`` alone must stay quick to import
#: (every command starts with it), and these bring the database layer along.
_LATER = {
    "Option": "foidesk.core.profile.guard",
    "Problem": "foidesk.core.profile.guard",
    "ProfileRefusedError": "foidesk.core.profile.guard",
    "backup_folder": "foidesk.core.profile.guard",
    "start_logging": "foidesk.core.profile.log",
    "stop_logging": "foidesk.core.profile.log",
    "copy_file": "foidesk.core.storage.privacy",
    "ensure_private_file": "foidesk.core.storage.privacy",
    "make_dir": "foidesk.core.storage.privacy",
    "private_dir": "foidesk.core.storage.privacy",
}


__getattr__ = lazy_exports(__name__, _LATER)


__all__ = [
    "APP_NAME",
    "DATABASE_FILE",
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "MARKER_FILE",
    "PROFILE_NAMES",
    "WINDOW_SETTINGS_FILE",
    "Option",
    "Problem",
    "Profile",
    "ProfileRefusedError",
    "backup_folder",
    "copy_file",
    "default_data_dir",
    "ensure_private_file",
    "make_dir",
    "private_dir",
    "resolve_profile",
    "sqlite_url",
    "start_logging",
    "stop_logging",
]
