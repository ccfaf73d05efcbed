"""Measure the reply classifier on the labelled set in ``benchmarks/data/replies``.

Run: python -m benchmarks.bench_classify [--split final|tuning|…|all] [--show-misses]

The set holds replies written from typical authority wording (UK, Scotland,
Ireland, US FOIA, Australia, New Zealand, the EU, German IFG/UIG) as ``.eml``
files; ``manifest.json`` gives each one's kind, the status it leaves the request
in, its law, what the user had sent before it, and its split. The splits were
written in turn, each after a round of rules, and each measured before it was
tuned on (``benchmarks/README.md`` tells their history); ``final`` is the least
tuned. Each email is read by foidesk's own mail parser, as an import reads it.
Prints precision and recall per kind for each split (Markdown), and how often the
proposed status is right.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import BenchContext, Figure
from foidesk.core.mail import parse_email_bytes
from foidesk.core.replies.classifier import Proposal, ThreadPlace, classify
from foidesk.core.replies.reading import reply_input

DATA = Path(__file__).resolve().parent / "data" / "replies"
#: In the order they were written (``benchmarks/README.md`` tells what each was for).
SPLITS = ("tuning", "held_out", "unseen", "fresh", "final")


@dataclass(frozen=True)
class Case:
    file: str
    kind: str
    status: str | None
    split: str
    proposal: Proposal


def cases(split: str = "all") -> list[Case]:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))["replies"]
    found = []
    for entry in manifest:
        if split != "all" and entry["split"] != split:
            continue
        raw = (DATA / entry["file"]).read_bytes()
        parsed = parse_email_bytes(raw)
        reply = reply_input(
            parsed.subject,
            parsed.body_text,
            raw=raw,
            attachment_names=[a.filename for a in parsed.attachments],
            sent_at=parsed.sent_at,
        )
        place = ThreadPlace(last_sent=entry["after"], regime=entry["regime"])
        found.append(
            Case(
                entry["file"],
                entry["kind"],
                entry["status"],
                entry["split"],
                classify(reply, place),
            )
        )
    return found


def per_kind(found: list[Case]) -> dict[str, tuple[float | None, float | None, int]]:
    """kind → (precision, recall, how many the set holds)."""
    truth = Counter(c.kind for c in found)
    proposed = Counter(c.proposal.kind.value for c in found)
    right = Counter(c.kind for c in found if c.proposal.kind.value == c.kind)
    table = {}
    for kind in sorted(set(truth) | set(proposed)):
        precision = right[kind] / proposed[kind] if proposed[kind] else None
        recall = right[kind] / truth[kind] if truth[kind] else None
        table[kind] = (precision, recall, truth[kind])
    return table


def status_accuracy(found: list[Case]) -> float:
    """Share of replies whose proposed status (None: unchanged) is the labelled one."""
    right = sum(
        1 for c in found if (c.proposal.status.value if c.proposal.status else None) == c.status
    )
    return right / len(found) if found else 0.0


def markdown(split: str, found: list[Case]) -> str:
    kind_right = sum(1 for c in found if c.proposal.kind.value == c.kind)
    lines = [
        f"**{split}** ({len(found)} replies): kind right {kind_right}/{len(found)}, "
        f"status right {status_accuracy(found):.0%}",
        "",
        "| kind | replies | precision | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, (precision, recall, count) in per_kind(found).items():
        lines.append(f"| {kind} | {count} | {_pct(precision)} | {_pct(recall)} |")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def run(context: BenchContext) -> list[Figure]:
    """For the runner: share of kinds right on each split (no timing involved)."""
    figures = []
    for split in SPLITS:
        found = cases(split)
        right = sum(1 for c in found if c.proposal.kind.value == c.kind)
        figures.append(Figure(f"reply kinds right ({split})", 100 * right / len(found), "%"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="each", choices=[*SPLITS, "all", "each"])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    splits = list(SPLITS) if args.split == "each" else [args.split]
    for split in splits:
        found = cases(split)
        print(markdown(split, found), end="\n\n")
        if args.show_misses:
            for c in found:
                if c.proposal.kind.value != c.kind or (
                    (c.proposal.status.value if c.proposal.status else None) != c.status
                ):
                    shown = "; ".join(
                        f"{e.toward}:{e.text}({e.weight})" for e in c.proposal.evidence
                    )
                    print(
                        f"  {c.file}: {c.kind}/{c.status} -> {c.proposal.kind}/"
                        f"{c.proposal.status} [{shown}]"
                    )


if __name__ == "__main__":
    main()
