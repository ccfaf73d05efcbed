"""The export tests' request (``tests/helpers/export_fixtures.py``)."""

from export_fixtures import thread  # noqa: F401
