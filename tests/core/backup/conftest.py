"""The backup fixtures live in ``tests/helpers/backup_fixtures.py``, shared with the
command-line tests (``tests/cli/test_backup.py``)."""

from backup_fixtures import *  # noqa: F403
