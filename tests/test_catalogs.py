"""The message catalogs: complete, placeholders intact, and in step with the code."""

from __future__ import annotations

import importlib.util
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "sphinx_notebook" / "locale"
LANGUAGES = ("de", "fr", "es", "pt_BR", "it", "nl", "ja", "zh_CN", "ko", "ru", "ar", "he")
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")


def load_script():
    spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalog(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "sphinx_notebook.po").open("rb") as handle:
        return read_po(handle, locale=language)


def template():
    with (LOCALE_DIR / "sphinx_notebook.pot").open("rb") as handle:
        return read_po(handle)


def test_every_language_has_a_catalog():
    found = {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/sphinx_notebook.po")}
    assert set(LANGUAGES) <= found


def test_template_is_in_step_with_the_code():
    """Fails when a wrapped string was added or changed without ``scripts/messages.py extract``."""
    extracted = {message.id for message in load_script().extract() if message.id}
    committed = {message.id for message in template() if message.id}
    assert extracted == committed, "run: python scripts/messages.py all"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_catalog_translates_every_message(language):
    """Fails when a catalog lacks a message of the template (or has it fuzzy, or empty)."""
    translated = catalog(language)
    missing = []
    for message in template():
        if not message.id:
            continue
        entry = translated.get(message.id)
        strings = [] if entry is None else list(entry.string) if entry.pluralizable else [entry.string]
        if entry is None or entry.fuzzy or not all(strings) or len(strings) < (
            translated.num_plurals if message.pluralizable else 1
        ):
            missing.append(message.id)
    assert not missing, f"{language}: untranslated {missing}"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_translations_keep_their_placeholders(language):
    for entry in catalog(language):
        if not entry.id:
            continue
        source = entry.id[0] if entry.pluralizable else entry.id
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in entry.string if entry.pluralizable else [entry.string]:
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (language, source, text)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_compiled_catalog_is_current(language):
    """The shipped .mo is what the .po compiles to (``scripts/messages.py compile``)."""
    compiled = catalog(language)
    compiled.creation_date = compiled.revision_date = load_script().FIXED_DATE
    buffer = BytesIO()
    write_mo(buffer, compiled, use_fuzzy=False)
    shipped = (LOCALE_DIR / language / "LC_MESSAGES" / "sphinx_notebook.mo").read_bytes()
    assert buffer.getvalue() == shipped, "run: python scripts/messages.py compile"
