"""The languages FraudSafe speaks, each defined once in `settings.FRAUDSAFE_LANGUAGES` (one line per language):
its code, English name, native name, script and PDF font. Everything else is derived from that list: Django's
`LANGUAGES`, the bot's language menu, script detection, the PDF fonts. Digits of every script are read as ASCII.

Adding a language: one line in settings, one `locale/<code>/LC_MESSAGES/django.po`, one font (see the README).
"""

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings

# Unicode blocks of the scripts a language may be written in (detection of a citizen's first message).
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Latin": ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F)),
    "Devanagari": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "Bengali": ((0x0980, 0x09FF),),
    "Gurmukhi": ((0x0A00, 0x0A7F),),
    "Gujarati": ((0x0A80, 0x0AFF),),
    "Odia": ((0x0B00, 0x0B7F),),
    "Tamil": ((0x0B80, 0x0BFF),),
    "Telugu": ((0x0C00, 0x0C7F),),
    "Kannada": ((0x0C80, 0x0CFF),),
    "Malayalam": ((0x0D00, 0x0D7F),),
    "Arabic": ((0x0600, 0x06FF), (0x0750, 0x077F)),
}


@dataclass(frozen=True)
class Language:
    code: str
    name: object  # English name, lazily translated (staff pages)
    native: str  # the name in its own script (the bot's menu, the console)
    script: str  # a key of SCRIPT_RANGES
    font: str  # "" (the PDF's default font), a fontpkg module name, or a folder of <Name>-Regular/-Bold.ttf

    @property
    def label(self) -> str:
        """`हिन्दी (Hindi)` on staff pages; just `English` for English."""
        name = str(self.name)
        return self.native if self.native == name else f"{self.native} ({name})"


@cache
def _languages() -> tuple[Language, ...]:
    return tuple(Language(*entry) for entry in settings.FRAUDSAFE_LANGUAGES)


def languages() -> tuple[Language, ...]:
    """Every language, in the order of the bot's menu."""
    return _languages()


def language(code: str | None) -> Language:
    """The language with this code; the default language for an unknown or empty code."""
    for lang in _languages():
        if lang.code == code:
            return lang
    return language(settings.LANGUAGE_CODE) if code != settings.LANGUAGE_CODE else _languages()[0]


def language_label(code: str | None) -> str:
    return language(code).label if code else ""


# --- reading what people type ---------------------------------------------------------------------------------


def normalise_digits(text: str) -> str:
    """Digits of any script (०–९, ০–৯, ౦–౯, ௦–௯, …) as ASCII 0–9; everything else unchanged."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def script_of(char: str) -> str | None:
    point = ord(char)
    for script, ranges in SCRIPT_RANGES.items():
        if any(low <= point <= high for low, high in ranges):
            return script
    return None


def detect_script(text: str) -> str | None:
    """The script most letters of `text` are written in (digits, spaces and emoji do not count)."""
    counts: dict[str, int] = {}
    for char in text or "":
        if char.isdecimal():
            continue
        script = script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def language_for_script(script: str | None) -> Language | None:
    """The first language (in menu order) written in `script`: Devanagari → Hindi, Marathi being one word away."""
    for lang in _languages():
        if script and lang.script == script:
            return lang
    return None


def detect_language(text: str) -> Language | None:
    """A non-Latin supported script → its language; Latin, digits or emoji alone say nothing about the language."""
    script = detect_script(text)
    return language_for_script(script) if script and script != "Latin" else None


# --- fonts ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path | None  # None: the font has no bold face (a variable font's default instance is used for both)


@cache
def font_files(code: str) -> FontFiles | None:
    """The TrueType files of a language's PDF font, or None when the language uses the default font.

    `font` is either a fontpkg package (pinned in requirements.txt; its metadata.json lists the files) or a folder
    of this project holding `*-Regular.ttf` and optionally `*-Bold.ttf`.
    """
    spec = language(code).font
    if not spec:
        return None
    folder = Path(settings.BASE_DIR) / spec
    if folder.is_dir():
        regular = next(iter(sorted(folder.glob("*-Regular.ttf"))), None)
        bold = next(iter(sorted(folder.glob("*-Bold.ttf"))), None)
        if regular is None:
            raise FileNotFoundError(f"{folder} holds no *-Regular.ttf font")
        return FontFiles(regular, bold)
    found = find_spec(spec)  # locates the installed font package (its files), without running it
    if found is None or found.origin is None:
        raise FileNotFoundError(f"font package {spec} is not installed (pinned in requirements.txt)")
    root = Path(found.origin).resolve().parent
    files = json.loads((root / "metadata.json").read_text())["files"]
    upright = [f for f in files if f.get("style", "normal") == "normal"]
    variable = next((f for f in upright if f.get("variable")), None)
    if variable is not None:
        return FontFiles(root / variable["path"], None)
    by_weight = {f["weight"]: root / f["path"] for f in upright}
    return FontFiles(by_weight[400], by_weight.get(700))
