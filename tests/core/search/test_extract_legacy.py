"""Old Office files read for search: Word 97–2003 .doc, Outlook templates (.oft)."""

from __future__ import annotations

import importlib.util
import io
import struct
from pathlib import Path
from types import ModuleType

from mailmaker import make_email

from foidesk.core.desk import Desk
from foidesk.core.importing.importer import import_paths
from foidesk.core.search import ExtractionOptions, extract_pending, search
from foidesk.core.search.extract import detect_format, extract_bytes
from foidesk.core.search.states import TextState

_DATA = Path(__file__).parents[2] / "data"


def _module(relative: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(relative.replace("/", "_"), _DATA / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LEGACY = _module("office/make_legacy.py")


def test_a_word_97_document_is_read_whatever_its_name() -> None:
    data = LEGACY.word97_doc()
    for name, media_type in (("old.doc", "application/msword"), ("x.bin", "")):
        assert detect_format(data, name, media_type) == "doc"
        result = extract_bytes(data, name, media_type)
        assert result.state is TextState.DONE
        assert result.text == "Rapport sur les déchets — FOI-7788\nTonnes collected\t3 in Leeds"


def _compound(streams: dict[str, bytes]) -> bytes:
    from extract_msg.ole_writer import OleWriter

    ole = OleWriter()
    for name, data in streams.items():
        ole.addEntry([name], data)
    buffer = io.BytesIO()
    ole.write(buffer)
    return buffer.getvalue()


def test_an_encrypted_word_document_says_so() -> None:
    word = bytearray(LEGACY._fib(0, 0))
    struct.pack_into("<H", word, 0x0A, 0x0300)  # fEncrypted, fWhichTblStm
    data = _compound({"WordDocument": bytes(word) + b"\0" * 4096, "1Table": b"\0" * 64})
    result = extract_bytes(data, "secret.doc", "application/msword")
    assert result.state is TextState.UNSUPPORTED
    assert result.note == "the document is encrypted; its words cannot be read"


def test_a_word_document_without_its_piece_table_fails_with_a_reason() -> None:
    word = LEGACY._fib(fc_clx=10_000, lcb_clx=40) + b"\0" * 4096
    data = _compound({"WordDocument": word, "1Table": b"\0" * 64})
    result = extract_bytes(data, "broken.doc", "application/msword")
    assert result.state is TextState.FAILED
    assert result.note == "the document is damaged (no piece table)"


def test_other_old_office_files_are_still_named_unsupported() -> None:
    data = _compound({"Workbook": b"\0" * 5000})
    result = extract_bytes(data, "sheet.xls", "application/vnd.ms-excel")
    assert result.state is TextState.UNSUPPORTED
    assert result.note == "an old Office file (.xls, .ppt): not read yet"


def test_an_outlook_template_is_read_like_a_message() -> None:
    data = _module("mail/make_corpus.py").outlook_msg()
    assert detect_format(data, "reply template.oft", "application/octet-stream") == "msg"
    result = extract_bytes(data, "reply template.oft", "application/octet-stream")
    assert result.state is TextState.DONE
    assert "Please find our response attached" in result.text


def test_a_doc_attached_to_an_email_is_found_by_search(desk: Desk, tmp_path: Path) -> None:
    mail = tmp_path / "reply.eml"
    mail.write_bytes(make_email(attachments=(("response.doc", LEGACY.word97_doc()),)))
    import_paths(desk, [mail])
    extract_pending(desk, options=ExtractionOptions(workers=0))
    hits = search(desk, "déchets")
    assert [hit.kind for hit in hits] == ["attachment"]
