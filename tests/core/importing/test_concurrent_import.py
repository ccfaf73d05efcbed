"""The same email imported by several members at the same moment is stored once.

Real processes (one per member, each with its own profile folder) on one real
PostgreSQL database, released together by a barrier for each email: without a guard
each would find no copy and store its own.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from mailmaker import make_email

from foidesk.core.desk import Desk
from foidesk.core.importing.importer import import_paths
from foidesk.core.profile import resolve_profile

MEMBERS = 4
EMAILS = 3


def _member(folder: Path, url: str, name: str, mails: list[Path], barrier: Any, out: Any) -> None:
    profile = replace(resolve_profile(folder, url), member=name)
    with Desk.open(profile) as desk:
        outcomes = []
        for mail in mails:
            barrier.wait(timeout=60)
            report = import_paths(desk, [mail])
            outcomes.extend(file.status for file in report.files)
    out.put((name, outcomes))


def test_the_same_email_from_four_members_at_once_is_stored_once(
    tmp_path: Path, postgres_url: str
) -> None:
    mails = []
    for n in range(EMAILS):
        path = tmp_path / f"reply-{n}.eml"
        path.write_bytes(
            make_email(
                message_id=f"<same-{n}@council.example>", attachments=(("a.pdf", b"%d" % n),)
            )
        )
        mails.append(path)
    with Desk.open(resolve_profile(tmp_path / "first", postgres_url)):
        pass  # migrated once, before the members race
    context = multiprocessing.get_context("fork")
    barrier, out = context.Barrier(MEMBERS), context.Queue()
    members = [
        context.Process(
            target=_member,
            args=(tmp_path / f"m{n}", postgres_url, f"member{n}", mails, barrier, out),
        )
        for n in range(MEMBERS)
    ]
    for process in members:
        process.start()
    results = dict(out.get(timeout=180) for _ in members)
    for process in members:
        process.join(timeout=60)
        assert process.exitcode == 0

    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        stored = connection.execute(
            sa.text("SELECT message_id, count(*) FROM message GROUP BY message_id")
        ).all()
    engine.dispose()
    assert sorted(stored) == [(f"same-{n}@council.example", 1) for n in range(EMAILS)]
    for n in range(EMAILS):
        outcomes = sorted(results[f"member{m}"][n] for m in range(MEMBERS))
        assert outcomes.count("duplicate") == MEMBERS - 1, outcomes
