"""Translation hygiene: every shipped language is complete, correct and up to date with the source.

A text added or changed anywhere without its translations fails here (run `make messages-update`, translate what is
new in locale/<lang>/LC_MESSAGES/django.po, run the tests again).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[-+ #0-9.]*[sdifrx]|%%|\{[a-z_0-9]*\}")
MARKUP = re.compile(r"</?[a-z]+/?>|\*")  # HTML tags of PDF sentences, WhatsApp *bold* markers


def po_of(code: str) -> Path:
    return ROOT / "locale" / code / "LC_MESSAGES" / "django.po"


def entries(po: polib.POFile):
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            yield entry, [(entry.msgid, forms.get(0, "")), (entry.msgid_plural, forms.get(1, ""))]
        else:
            yield entry, [(entry.msgid, entry.msgstr)]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_language_is_fully_translated_with_nothing_fuzzy(code):
    path = po_of(code)
    assert path.exists(), f"{path} is missing: every language in settings needs its .po"
    check = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr  # msgfmt --check: headers, plural forms, python-format placeholders
    assert "fuzzy" not in check.stderr and "untranslated" not in check.stderr, check.stderr
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == code
    assert not po.untranslated_entries() and not po.fuzzy_entries()


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_every_placeholder_and_every_bold_marker(code):
    wrong = []
    for entry, pairs in entries(polib.pofile(str(po_of(code)))):
        for source, translation in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append(f"placeholders: {source!r} → {translation!r}")
            if sorted(MARKUP.findall(source)) != sorted(MARKUP.findall(translation)):
                wrong.append(f"*bold* or tags: {source!r} → {translation!r}")
            if source.count("\n") != translation.count("\n"):
                wrong.append(f"line breaks: {source!r} → {translation!r}")
            for name in ("1930", "cybercrime.gov.in"):
                if name in source and name not in translation:
                    wrong.append(f"{name} must stay as it is: {translation!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_the_po_files_hold_exactly_the_texts_of_the_source(tmp_path):
    """makemessages on a copy of the source (the project's own options: manage.py messages_update) must find the
    very msgids the committed .po files hold: nothing new untranslated, nothing stale."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is missing (`make messages` installs it)")
    copy = tmp_path / "src"
    skip = {".venv", "var", "locale", "node_modules", "test-artifacts", ".git", "static", "media"}
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in skip or "__pycache__" in relative.parts or not path.is_file():
            continue
        if path.suffix in (".py", ".html", ".txt"):
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy / relative)
    for code in SHIPPED:  # the committed catalogues, so makemessages merges into them like a developer's run
        (copy / "locale" / code / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy2(po_of(code), copy / "locale" / code / "LC_MESSAGES" / "django.po")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings",
        "DJANGO_DEBUG": "true",
        "FRAUDSAFE_ENV_FILE": "",
        "FRAUDSAFE_VAR_DIR": str(tmp_path / "var"),
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "messages_update", "-v", "0"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    for code in SHIPPED:
        committed = {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(po_of(code))) if not e.obsolete}
        fresh_po = polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po"))
        fresh = {(e.msgctxt, e.msgid, e.msgid_plural) for e in fresh_po if not e.obsolete}
        new, stale = sorted(fresh - committed), sorted(committed - fresh)
        assert not new and not stale, (
            f"locale/{code}: run `make messages-update` and translate. New: {new[:10]} Stale: {stale[:10]}"
        )
