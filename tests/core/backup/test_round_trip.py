"""restore(backup(profile)) is the profile: every row, and every stored file byte for byte,
for generated profiles of every shape."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foidesk.core.backup import restore_backup, verify_backup, write_backup
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest, RequestDetail

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
CONTENT = st.one_of(st.binary(max_size=4000), st.sampled_from([PDF, b"", b"same bytes"]))
ATTACHMENT = st.tuples(st.sampled_from(["a.pdf", "b.csv", "scan.png", "x"]), CONTENT)
MESSAGE = st.fixed_dictionaries(
    {
        "direction": st.sampled_from(["incoming", "outgoing"]),
        "kind": st.sampled_from(["response", "acknowledgement", "clarification", "note"]),
        "subject": TEXT,
        "body": TEXT,
        "attachments": st.lists(ATTACHMENT, max_size=3),
        "original": st.none() | st.binary(min_size=1, max_size=600),
        "minutes": st.integers(min_value=0, max_value=60 * 24 * 400),
    }
)
REQUEST = st.fixed_dictionaries(
    {
        "title": TEXT.filter(lambda t: t.strip() != ""),
        "authority": st.sampled_from(["Home Office", "Leeds City Council", "NHS England"]),
        "statuses": st.lists(
            st.sampled_from(["waiting_response", "successful", "rejected", "internal_review"]),
            max_size=3,
        ),
        "messages": st.lists(MESSAGE, max_size=3),
        "trashed": st.booleans(),
    }
)
PROFILES = st.tuples(st.lists(REQUEST, max_size=4), st.lists(MESSAGE, max_size=2))
START = datetime(2023, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty profile to copy (migrating one per example would dominate)."""
    folder = tmp_path_factory.mktemp("empty") / "profile"
    Desk.open(resolve_profile(folder)).close()
    return folder


def populate(desk: Desk, requests: list[dict[str, Any]], unfiled: list[dict[str, Any]]) -> None:
    for shape in requests:
        request = desk.add_request(
            NewRequest(title=shape["title"], authority=shape["authority"], sent_on=None)
        ).id
        for status in shape["statuses"]:
            desk.set_status(request, status)
        for message in shape["messages"]:
            desk.add_message(request, new_message(message))
        if shape["trashed"]:
            desk.delete_request(request)
    for message in unfiled:
        desk.add_message(None, new_message(message))


def new_message(shape: dict[str, Any]) -> NewMessage:
    return NewMessage(
        direction=shape["direction"],
        kind=shape["kind"],
        sent_at=START + timedelta(minutes=shape["minutes"]),
        subject=shape["subject"],
        body_text=shape["body"],
        attachments=tuple(NewAttachment(n, d) for n, d in shape["attachments"]),
        original=shape["original"],
        original_format="eml" if shape["original"] else None,
    )


def everything(desk: Desk) -> tuple[list[RequestDetail], list[object], list[object]]:
    """What the user sees: each request with its thread and status history, the trash,
    and the unfiled tray."""
    live = [desk.get_request(r.id) for r in desk.list_requests()]
    return live, list(desk.trashed_requests()), list(desk.unfiled_messages())


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(PROFILES)
def test_restore_of_a_backup_is_the_same_profile(
    empty_template: Path,
    dump: Callable[[Profile], object],
    shape: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = resolve_profile(Path(tmp) / "source")
        shutil.copytree(empty_template, source.data_dir)
        with Desk.open(source) as desk:
            populate(desk, *shape)
            seen = everything(desk)
            blobs = {p.name: p.read_bytes() for p in desk.store.root.glob("??/??/*")}
        backup = write_backup(source, Path(tmp))
        assert verify_backup(backup.path).ok

        target = resolve_profile(Path(tmp) / "target")
        restore_backup(backup.path, target)

        assert dump(target) == dump(source)
        with Desk.open(target) as restored:
            assert everything(restored) == seen
            assert {p.name: p.read_bytes() for p in restored.store.root.glob("??/??/*")} == blobs
            assert restored.check().ok
