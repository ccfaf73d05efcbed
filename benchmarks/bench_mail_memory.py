"""Peak memory of importing one large email, against the size of its largest part.

An email of ``--mb`` MB (one base64 attachment of random bytes, as large as the
size allows, and a text body) is imported into a fresh profile in a child
process, which reports how far its peak resident memory (``ru_maxrss``) rose
during the import. The target: within 2x the largest part (decoded). The same
import with the email read whole (``--whole``: the way every email was read
before parts were streamed) shows what streaming saves.

Run: python -m benchmarks.bench_mail_memory [--mb 283] [--whole]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import BenchContext, Figure

TARGET_RATIO = 2.0
_CHILD = """
import json, resource, sys
from pathlib import Path
from foidesk.core.desk import Desk
from foidesk.core.importing import importer
from foidesk.core.profile import resolve_profile

path, profile, whole = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
if whole:
    importer.STREAM_FROM_BYTES = 1 << 40
with Desk.open(resolve_profile(profile)) as desk:
    desk.import_paths([Path(sys.argv[4])])  # a small email first: every module loaded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    report = desk.import_paths([path])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
assert report.ok, report
print(json.dumps({"before": before, "after": after,
                  "largest": max(a.size for a in report.files[0].attachments)}))
"""


def make_email(path: Path, megabytes: int) -> int:
    """Write an email of about ``megabytes`` MB; return its attachment's decoded size."""
    payload_bytes = int(megabytes * 1_000_000 * 57 / 78)  # base64 with CRLF lines
    chunk = os.urandom(1 << 20)
    with path.open("wb") as out:
        out.write(
            b"From: Records <records@example.gov.uk>\r\nTo: sam@example.net\r\n"
            b"Subject: The whole archive\r\nDate: Fri, 19 Apr 2024 15:05:00 +0000\r\n"
            b"Message-ID: <big-1@example.gov.uk>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/plain\r\n\r\nThe archive is attached.\r\n--b\r\n"
            b'Content-Type: application/zip; name="archive.zip"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n"
        )
        written = 0
        while written < payload_bytes:
            piece = chunk[: min(len(chunk) - len(chunk) % 57, payload_bytes - written)]
            out.write(base64.encodebytes(piece).replace(b"\n", b"\r\n"))
            written += len(piece)
        out.write(b"--b--\r\n")
    return written


def measure(folder: Path, megabytes: int, *, whole: bool) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"big-{megabytes}.eml"
    if not path.exists():
        make_email(path, megabytes)
    small = folder / "small.eml"
    small.write_bytes(
        b"From: a@example.org\r\nSubject: warm-up\r\nMessage-ID: <warm@x>\r\n\r\nhello\r\n"
    )
    profile = folder / ("profile-whole" if whole else "profile")
    subprocess.run(["rm", "-rf", str(profile)], check=True)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(profile), "1" if whole else "0", str(small)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, int] = json.loads(done.stdout)
    result["file"] = path.stat().st_size
    return result


def figures(result: dict[str, int], megabytes: int, *, whole: bool) -> list[Figure]:
    rise = result["after"] - result["before"]
    how = "read whole" if whole else "streamed"
    return [
        Figure(
            f"import a {result['file'] / 1e6:.0f} MB email ({how}): peak memory rise",
            rise / 1e6,
            "MB",
            "largest part, decoded",
            result["largest"] / 1e6,
            f"<= {TARGET_RATIO:g}x largest part",
            rise <= TARGET_RATIO * result["largest"],
        )
    ]


def run(context: BenchContext, megabytes: int = 283) -> list[Figure]:
    folder = context.workdir / "mail-memory"
    return figures(measure(folder, megabytes, whole=False), megabytes, whole=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=283)
    parser.add_argument("--whole", action="store_true", help="read the email whole (as before)")
    parser.add_argument("--workdir", type=Path, default=Path("benchmarks/out"))
    args = parser.parse_args()
    result = measure(args.workdir / "mail-memory", args.mb, whole=args.whole)
    for figure in figures(result, args.mb, whole=args.whole):
        print(
            f"{figure.name}: {figure.value:.0f} {figure.unit}  largest part "
            f"{figure.baseline:.0f} MB  ratio {figure.ratio:.2f}  {figure.target}"
        )


if __name__ == "__main__":
    main()
