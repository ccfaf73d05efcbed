"""Fetching replies from a real Dovecot on loopback, against importing the same mails.

Two figures, each with its floor measured in the same run:

- fetching 1,000 new replies (headers read, each mail downloaded whole and filed)
  against importing the same 1,000 mails as ``.eml`` files into a fresh profile —
  target: at most 2x;
- a fetch of an unchanged INBOX of 10,000 mails (the 1,000 replies and 9,000 private
  mails, all already seen once) — target: at most 1 s.

Dovecot and GNOME Keyring are started as the tests start them (``tests/helpers``);
the mailbox is filled by APPEND (the replies) and straight into the maildir (the
private mails, which only need to be there).

Run: python -m benchmarks.bench_fetch [--replies 1000] [--private 9000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import BenchContext, Figure

HELPERS = Path(__file__).resolve().parent.parent / "tests" / "helpers"
AUTHORITY = "foi@council.example.gov.uk"
PASSWORD = "bench-pw-31"


def _replies(count: int) -> list[bytes]:
    from mailmaker import make_email

    start = datetime(2024, 5, 1, tzinfo=UTC)
    body = "Dear Sam,\n\nPlease find our response below.\n\n" + "The council spent money. " * 40
    return [
        make_email(
            sender=f"FOI Team <{AUTHORITY}>",
            subject=f"Your request, part {n}",
            message_id=f"<reply-{n}@council.example.gov.uk>",
            body=body,
            sent=start + timedelta(minutes=n),
        )
        for n in range(count)
    ]


def _private(count: int) -> list[bytes]:
    from mailmaker import make_email

    return [
        make_email(
            sender="Alex <alex@friends.example>",
            subject=f"Weekend plans {n}",
            message_id=f"<private-{n}@friends.example>",
            body="See you on Saturday.\n" * 20,
        )
        for n in range(count)
    ]


def _desk(folder: Path):  # type: ignore[no-untyped-def]
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile

    desk = Desk.open(resolve_profile(folder))
    desk.add_authority("Council", email=AUTHORITY)
    return desk


def measure(replies: int, private: int) -> list[Figure]:
    sys.path.insert(0, str(HELPERS))
    from imap_server import running_server
    from keyring_server import private_keyring

    from foidesk.core.accounts import NewAccount

    mails = _replies(replies)
    with tempfile.TemporaryDirectory() as scratch, private_keyring():
        root = Path(scratch)
        files = root / "eml"
        files.mkdir()
        for n, mail in enumerate(mails):
            (files / f"{n:05}.eml").write_bytes(mail)
        with _desk(root / "imported") as desk:
            began = time.perf_counter()
            report = desk.import_paths([files])
            imported_s = time.perf_counter() - began
        assert report.count("unfiled") == replies, "every reply goes in"
        with running_server({"sam": PASSWORD}) as server, _desk(root / "fetched") as desk:
            server.append("sam", mails)
            desk.add_account(
                NewAccount(
                    name="bench",
                    email="sam@example.net",
                    imap=f"localhost:{server.imaps_port}",
                    smtp="localhost:587",
                    username="sam",
                    ca_file=server.certificates.ca_file,
                ),
                PASSWORD,
            )
            began = time.perf_counter()
            (fetched,) = desk.fetch_mail().accounts
            fetched_s = time.perf_counter() - began
            assert fetched.unfiled == replies and fetched.error is None, fetched
            for mail in _private(private):
                server.deliver_raw("sam", mail)
            (looked,) = desk.fetch_mail().accounts
            assert looked.left_alone == private, looked
            began = time.perf_counter()
            (unchanged,) = desk.fetch_mail().accounts
            unchanged_s = time.perf_counter() - began
            assert (unchanged.left_alone, unchanged.unfiled) == (0, 0)
    ratio = fetched_s / imported_s
    return [
        Figure(
            f"fetch {replies:,} new replies",
            fetched_s,
            "s",
            f"import the same {replies:,} .eml files",
            imported_s,
            "≤ 2x",
            ratio <= 2.0,
        ),
        Figure(
            f"fetch an unchanged INBOX of {replies + private:,} mails",
            unchanged_s,
            "s",
            None,
            None,
            "≤ 1 s",
            unchanged_s <= 1.0,
        ),
    ]


def run(context: BenchContext) -> list[Figure]:
    del context  # the mailbox is made here, not taken from the corpus
    return measure(1000, 9000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--private", type=int, default=9000)
    args = parser.parse_args()
    for figure in measure(args.replies, args.private):
        against = (
            f" vs {figure.baseline_name} {figure.baseline:.2f} s (ratio {figure.ratio:.2f})"
            if figure.baseline is not None and figure.ratio is not None
            else ""
        )
        verdict = "ok" if figure.passed else "MISSED"
        print(f"{figure.name}: {figure.value:.2f} s{against}; target {figure.target}: {verdict}")


if __name__ == "__main__":
    main()
