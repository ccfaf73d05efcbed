"""`foidesk request show` names the member who made each change (FOIDESK_MEMBER)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foidesk.cli import main
from foidesk.core.vocabulary import RequestStatus


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_request_show_names_who_changed_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = str(tmp_path / "profile")
    monkeypatch.setenv("FOIDESK_MEMBER", "Bob")
    _run(capsys, "--data-dir", folder, "request", "add", "--title", "Gritting routes",
         "--authority", "Leeds City Council", "--sent", "2024-02-01")  # fmt: skip
    monkeypatch.setenv("FOIDESK_MEMBER", "Ann")
    _run(capsys, "--data-dir", folder, "request", "status", "1", "rejected")

    shown = json.loads(_run(capsys, "--data-dir", folder, "request", "show", "1", "--json"))
    assert shown["changed_by"] == "Ann"
    assert shown["version"] >= 2
    assert shown["changed_at"] is not None
    history = shown["status_history"]
    assert [(h["status"], h["changed_by"]) for h in history] == [
        ("waiting_response", "Bob"),
        ("rejected", "Ann"),
    ]
    assert set(history[0]) == {"status", "on", "note", "changed_by"}  # only added

    text = _run(capsys, "--data-dir", folder, "request", "show", "1")
    assert "last changed by Ann at " in text
    assert f"{RequestStatus.REJECTED.label}  by Ann" in text
    assert "by Bob" in text
