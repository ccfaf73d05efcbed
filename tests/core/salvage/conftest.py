"""The salvage fixtures live in ``tests/helpers/salvage_fixtures.py``, shared with the
command-line tests (``tests/cli/test_salvage.py``)."""

from salvage_fixtures import *  # noqa: F403
