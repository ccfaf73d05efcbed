"""``foidesk message proposal`` and ``message confirm``: the README's fields, one-line
errors, and a status that changes only on confirm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def reply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str, str]:
    """A request and an imported refusal in its thread: (data dir, request id, message id)."""
    data_dir = str(tmp_path / "profile")
    code, out, _ = run(
        capsys, "request", "add", "--title", "Budget", "--authority", "Leeds City Council",
        "--sent", "2024-02-01", "--ref", "FOI-7788", "--data-dir", data_dir,
    )  # fmt: skip
    assert code == 0
    request_id = out.split()[1]
    path = tmp_path / "refusal.eml"
    body = "The report is withheld in full under section 43(2) (commercial interests).\n"
    path.write_bytes(make_email(subject="FOI-7788 decision", body=body))
    code, out, _ = run(capsys, "import", str(path), "--json", "--data-dir", data_dir)
    assert code == 0
    message_id = str(json.loads(out)["files"][0]["message_ids"][0])
    return data_dir, request_id, message_id


def _status(capsys: pytest.CaptureFixture[str], data_dir: str, request_id: str) -> str:
    code, out, _ = run(capsys, "request", "show", request_id, "--json", "--data-dir", data_dir)
    assert code == 0
    return str(json.loads(out)["status"])


def test_proposal_prints_kind_status_and_evidence(
    reply: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, request_id, message_id = reply
    code, out, _ = run(capsys, "message", "proposal", message_id, "--json", "--data-dir", data_dir)
    assert code == 0
    shown = json.loads(out)
    assert shown["message_id"] == int(message_id) and shown["request_id"] == int(request_id)
    assert (shown["kind"], shown["status"], shown["decided"]) == (
        "response_refused",
        "rejected",
        False,
    )
    assert {"signal": "exemption", "text": "section 43(2)"}.items() <= {
        **next(e for e in shown["evidence"] if e["signal"] == "exemption")
    }.items()
    assert set(shown) == {
        "message_id", "request_id", "kind", "status", "until", "evidence", "decided",
        "chosen_kind", "chosen_status", "request_status",
    }  # fmt: skip
    code, out, _ = run(capsys, "message", "proposal", message_id, "--data-dir", data_dir)
    assert out.splitlines()[0] == "Response: refusal — status would become Refused"
    assert "  cites section 43(2)" in out.splitlines()
    assert _status(capsys, data_dir, request_id) == "waiting_response"


def test_confirm_accepts_the_proposal_or_a_correction(
    reply: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, request_id, message_id = reply
    code, out, _ = run(capsys, "message", "confirm", message_id, "--data-dir", data_dir)
    assert (code, out.strip()) == (0, "Confirmed: Response: refusal; the request is now Refused.")
    assert _status(capsys, data_dir, request_id) == "rejected"
    code, out, _ = run(
        capsys, "message", "confirm", message_id, "--kind", "response_partial",
        "--status", "partially_successful", "--json", "--data-dir", data_dir,
    )  # fmt: skip
    shown = json.loads(out)
    assert (shown["chosen_kind"], shown["chosen_status"], shown["request_status"]) == (
        "response_partial",
        "partially_successful",
        "partially_successful",
    )


def test_errors_are_one_sentence(
    reply: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _, _ = reply
    code, _, err = run(capsys, "message", "proposal", "999", "--data-dir", data_dir)
    assert code == 1 and err.startswith("foidesk: ") and len(err.strip().splitlines()) == 1
