"""The command line, through its real entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from postgres_server import PostgresServer

from foidesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "profile")


def test_request_round_trip_with_data_dir_before_or_after(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    body = tmp_path / "body.txt"
    body.write_text("Please provide the 2023 budget.", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "request",
        "add",
        "--title",
        "Budget",
        "--authority",
        "Leeds City Council",
        "--sent",
        "2024-02-01",
        "--body-file",
        str(body),
        "--ref",
        "FOI-1",
    )
    assert code == 0
    first, hint = out.splitlines()
    request_id = first.split()[1]
    assert first == f"Request {request_id} added: “Budget” to Leeds City Council (uk-foia)."
    assert hint == f"See it with: foidesk request show {request_id}"

    attachment = tmp_path / "letter.pdf"
    attachment.write_bytes(b"%PDF-1.4 letter")
    code, out, _ = run(
        capsys,
        "message",
        "add",
        request_id,
        "--direction",
        "incoming",
        "--kind",
        "response",
        "--date",
        "2024-02-20",
        "--from",
        "foi@leeds.gov",
        "--subject",
        "Your request",
        "--attach",
        str(attachment),
        "--data-dir",
        data_dir,
    )
    assert code == 0

    code, out, _ = run(
        capsys,
        "request",
        "status",
        request_id,
        "successful",
        "--on",
        "2024-02-21",
        "--data-dir",
        data_dir,
    )
    assert code == 0
    code, out, _ = run(capsys, "request", "show", request_id, "--json", "--data-dir", data_dir)
    shown = json.loads(out)
    assert shown["title"] == "Budget"
    assert shown["authority"] == "Leeds City Council"
    assert shown["regime"] == "uk-foia"
    assert shown["status"] == "successful"
    assert shown["sent"] == "2024-02-01"
    response = shown["messages"][-1]
    assert response["direction"] == "incoming" and response["kind"] == "response"
    assert response["date"] == "2024-02-20"
    assert response["from"] == "foi@leeds.gov"
    assert response["attachments"][0]["filename"] == "letter.pdf"
    assert response["attachments"][0]["size"] == len(b"%PDF-1.4 letter")
    assert len(response["attachments"][0]["sha256"]) == 64

    code, out, _ = run(
        capsys, "request", "list", "--status", "successful", "--json", "--data-dir", data_dir
    )
    assert [r["id"] for r in json.loads(out)] == [int(request_id)]


def test_authorities_and_check(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    assert (
        run(
            capsys,
            "authority",
            "add",
            "Home Office",
            "--email",
            "foi@homeoffice.gov.uk",
            "--regime",
            "uk-foia",
            "--data-dir",
            data_dir,
        )[0]
        == 0
    )
    code, out, _ = run(capsys, "authority", "list", "--json", "--data-dir", data_dir)
    assert json.loads(out)[0]["email"] == "foi@homeoffice.gov.uk"
    assert run(capsys, "sample", "--data-dir", data_dir)[0] == 0
    code, out, _ = run(capsys, "check", "--json", "--data-dir", data_dir)
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["files_checked"] == 6


def test_user_mistakes_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, _out, err = run(capsys, "request", "show", "42", "--data-dir", data_dir)
    assert code == 1 and err == "foidesk: no request with id 42\n"
    code, _, err = run(
        capsys,
        "request",
        "add",
        "--title",
        "T",
        "--authority",
        "A",
        "--sent",
        "2024-01-01",
        "--body-file",
        "/no/such/file",
        "--data-dir",
        data_dir,
    )
    assert code == 1 and "no such file" in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["request", "add", "--title", "T", "--authority", "A", "--sent", "yesterday"])
    assert exit_info.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_module_and_console_script_entry_points(data_dir: str) -> None:
    script = Path(sys.executable).with_name("foidesk")
    for command in ([sys.executable, "-m", "foidesk"], [str(script)]):
        result = subprocess.run(
            [*command, "--data-dir", data_dir, "request", "show", "5"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert result.stderr == "foidesk: no request with id 5\n"
    result = subprocess.run(
        [str(script), "--data-dir", data_dir, "sample", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["messages"][-1]["kind"] == "response"


def test_a_near_miss_authority_name_is_refused_with_the_close_match(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    def add(*extra: str) -> tuple[int, str, str]:
        return run(
            capsys, "request", "add", "--title", "Gritting", "--sent", "2024-02-01",
            "--data-dir", data_dir, *extra,
        )  # fmt: skip

    assert add("--authority", "Leeds City Council")[0] == 0
    code, _, err = add("--authority", "Leeds Citty Council")
    assert code == 1
    assert "there is no authority named “Leeds Citty Council”, but there is" in err
    assert "“Leeds City Council”" in err and "--new-authority" in err
    assert add("--authority", "leeds city council")[0] == 0  # the same one, in other case
    assert add("--authority", "Leeds Citty Council", "--new-authority")[0] == 0
    code, out, _ = run(capsys, "authority", "list", "--json", "--data-dir", data_dir)
    assert {a["name"] for a in json.loads(out)} == {"Leeds City Council", "Leeds Citty Council"}


def test_request_list_shows_each_requests_next_deadline(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    added = run(
        capsys, "request", "add", "--title", "Gritting", "--authority", "Home Office",
        "--sent", "2024-01-02", "--data-dir", data_dir,
    )  # fmt: skip
    assert added[0] == 0
    code, out, _ = run(capsys, "request", "list", "--data-dir", data_dir)
    assert code == 0
    lines = out.splitlines()
    row = next(n for n, line in enumerate(lines) if "Gritting — Home Office" in line)
    assert lines[row + 1].strip().startswith("Response due: 2024-01-30 (")
    assert "working days overdue)" in lines[row + 1]


def test_a_team_database_refusing_the_password_is_one_line_without_a_traceback(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = postgres_server.url(password="wrong-password")
    done = subprocess.run(
        [sys.executable, "-m", "foidesk", "--data-dir", str(tmp_path / "p"),
         "--database-url", url, "request", "list"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"foidesk: the database server localhost:{postgres_server.port}/postgres did not"
        " accept the password for foidesk_admin: check the user name and password"
    ]
