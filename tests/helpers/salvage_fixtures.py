"""Salvage fixtures, shared by ``tests/core/salvage`` and ``tests/cli``: a real profile
with a few hundred messages, ways to damage its database as disks do, and an sqlite3
shell that can run ``.recover``.

Debian's and Ubuntu's sqlite3 shells cannot (they are built without ``sqlite_dbpage``);
``scripts/build-recover-shell.sh`` builds one into ``.venv/bin``, where these tests
look after ``FOIDESK_SQLITE3`` and before PATH.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
from foidesk.core.salvage.copy import SHELL_ENV, Shell, probe_shell
from foidesk.core.salvage.errors import NoRecoveryShellError
from foidesk.core.search import ExtractionOptions, extract_pending

FIXED_TODAY = date(2024, 4, 10)
REQUESTS = 12
MESSAGES_PER_REQUEST = 24
EMAILS = 6
PAGE = 4096
NO_SHELL = (
    "no sqlite3 shell that can run .recover (Debian's and Ubuntu's cannot): "
    "scripts/build-recover-shell.sh builds one into .venv/bin"
)


def _candidates() -> list[Path]:
    found = [os.environ.get(SHELL_ENV), str(Path(sys.executable).parent / "sqlite3")]
    found.append(shutil.which("sqlite3"))
    return [Path(p) for p in found if p and Path(p).is_file()]


@pytest.fixture(scope="session")
def recover_shell() -> Shell:
    for path in _candidates():
        try:
            return probe_shell(path)
        except NoRecoveryShellError:
            continue
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide what salvage needs: {NO_SHELL}")
    pytest.skip(NO_SHELL)


@pytest.fixture
def shell_env(recover_shell: Shell, monkeypatch: pytest.MonkeyPatch) -> Shell:
    """The capable shell, named the way a user names it (``FOIDESK_SQLITE3``)."""
    monkeypatch.setenv(SHELL_ENV, str(recover_shell.path))
    return recover_shell


def build(desk: Desk) -> None:
    """Requests with threads, attachments (their text read), status history, clock
    events and tags; imported emails with their originals, in Unfiled."""
    for r in range(REQUESTS):
        request = desk.add_request(
            NewRequest(
                title=f"Gritting routes {r}",
                authority=f"Council {r % 3}",
                sent_on=date(2024, 1, 8),
                reference=f"FOI-{1000 + r}",
                tags=("roads",) if r % 2 else (),
            )
        ).id
        for m in range(MESSAGES_PER_REQUEST):
            files = ()
            if m % 4 == 0:
                text = f"Salt tonnage for route {r}-{m}: {m * 17} tonnes.\n" * 30
                files = (NewAttachment(f"route-{r}-{m}.txt", text.encode()),)
            desk.add_message(
                request,
                NewMessage(
                    direction="incoming" if m % 2 else "outgoing",
                    kind="response" if m % 2 else "follow_up",
                    sent_at=datetime(2024, 2, 1, 9, tzinfo=UTC) + timedelta(hours=m),
                    subject=f"Gritting {r}/{m}",
                    body_text=f"Dear team, about the gritting of route {r}-{m}. " * 12,
                    attachments=files,
                ),
            )
        desk.set_status(request, "partially_successful", on=date(2024, 3, 1))
        desk.add_clock_event(request, "extension", date(2024, 2, 20), until=date(2024, 3, 20))
    folder = desk.profile.data_dir.parent / "mail"
    folder.mkdir(exist_ok=True)
    for e in range(EMAILS):
        path = folder / f"reply-{e}.eml"
        path.write_bytes(
            make_email(
                subject=f"Your request about bins {e}",
                message_id=f"<bins-{e}@council.example.gov.uk>",
                attachments=((f"bins-{e}.pdf", b"%PDF-1.4\n" + bytes([e]) * 900),),
            )
        )
        desk.import_paths([path])
    extract_pending(desk, options=ExtractionOptions(workers=0))


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("salvage-template") / "profile"
    with Desk.open(resolve_profile(folder), today=lambda: FIXED_TODAY) as desk:
        build(desk)
    return folder
