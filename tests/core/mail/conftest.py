"""Shared fixtures: the generated mail corpus, built once per test session."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

_CORPUS_SCRIPT = Path(__file__).parents[2] / "data" / "mail" / "make_corpus.py"


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("foidesk_mail_corpus", _CORPUS_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus_module() -> ModuleType:
    """The corpus generator, for tests that need a builder with other arguments."""
    return _load_corpus_module()


@pytest.fixture(scope="session")
def corpus(corpus_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every corpus file, written to a temporary directory: name -> path."""
    written: dict[str, Path] = corpus_module.write_corpus(tmp_path_factory.mktemp("mail-corpus"))
    return written
