"""A profile: where its data lives (``location``), which profile a folder holds
(``identity``), whether its database can be trusted before it is opened (``guard``,
``opening``), and its log (``log``).

The location is part of the core's public face: ``from foidesk.core.profile import
Profile, resolve_profile``.
"""

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

__all__ = [
    "APP_NAME",
    "DATABASE_FILE",
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "MARKER_FILE",
    "PROFILE_NAMES",
    "WINDOW_SETTINGS_FILE",
    "Profile",
    "default_data_dir",
    "resolve_profile",
    "sqlite_url",
]
