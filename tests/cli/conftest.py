"""Fixtures the command-line tests share with the core tests of the same parts
(``tests/helpers/backup_fixtures.py``, ``tests/helpers/salvage_fixtures.py``)."""

from backup_fixtures import *  # noqa: F403
from salvage_fixtures import *  # noqa: F403
