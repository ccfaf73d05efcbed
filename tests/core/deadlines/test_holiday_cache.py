"""Holiday tables kept between processes: the next process reads them, a bad file is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from foidesk.core.deadlines.holiday_cache import CACHE_DIR_ENV, FILE_NAME, HolidayCache

CHRISTMAS = {date(2024, 12, 25): "Christmas Day"}

_SHOW_CLOCK = """
import sys
from datetime import date
from foidesk.core.deadlines import calculate
result = calculate("uk-foia", date(2024, 12, 20))
print(result.due.isoformat(), "holidays" in sys.modules)
"""


def _run_clock(cache: Path) -> tuple[str, bool]:
    env = {**os.environ, CACHE_DIR_ENV: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _SHOW_CLOCK], env=env, capture_output=True, text=True, check=True
    )
    due, loaded = done.stdout.split()
    return due, loaded == "True"


def test_a_second_process_reads_the_tables_without_loading_the_package(tmp_path: Path) -> None:
    first_due, first_loaded = _run_clock(tmp_path)
    second_due, second_loaded = _run_clock(tmp_path)
    assert (
        first_due == second_due == "2025-01-23"
    )  # 20 working days, Christmas and New Year skipped
    assert first_loaded and not second_loaded
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o077 == 0


def test_what_a_process_found_is_there_for_the_next(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    writer = HolidayCache(path, "stamp-1")
    assert writer.names("GB|2024", lambda: CHRISTMAS) == CHRISTMAS
    writer.save()
    reader = HolidayCache(path, "stamp-1")
    assert reader.names("GB|2024", _never) == CHRISTMAS


def test_another_codes_file_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    writer = HolidayCache(path, "old")
    writer.names("GB|2024", lambda: {date(2024, 1, 1): "wrong"})
    writer.save()
    assert HolidayCache(path, "new").names("GB|2024", lambda: CHRISTMAS) == CHRISTMAS


def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    for damage in ("{not json", json.dumps({"stamp": "s", "entries": {"k": [[1, 2]]}}), "[]"):
        path.write_text(damage)
        cache = HolidayCache(path, "s")
        assert cache.names("k", lambda: CHRISTMAS) == CHRISTMAS
        cache.save()
        assert HolidayCache(path, "s").names("k", _never) == CHRISTMAS


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    cache = HolidayCache(blocked / FILE_NAME, "s")
    assert cache.names("k", lambda: CHRISTMAS) == CHRISTMAS
    cache.save()  # no error: the next process computes again


def _never() -> dict[date, str]:
    raise AssertionError("the cached names should have been used")
