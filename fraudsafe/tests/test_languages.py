"""The languages of the product, defined once in settings: what is derived from them, digits, scripts, fonts."""

import pytest
from django.conf import settings

from fraudsafe import languages as L


def test_every_language_comes_from_one_settings_line_and_django_languages_follow():
    codes = [lang.code for lang in L.languages()]
    assert codes == ["en", "hi", "bn", "mr", "te", "ta"]
    assert [code for code, _name in settings.LANGUAGES] == codes
    assert [lang.native for lang in L.languages()] == ["English", "हिन्दी", "বাংলা", "मराठी", "తెలుగు", "தமிழ்"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("९८७६५४३२१०", "9876543210"),  # Devanagari
        ("৫৬০০৬৬", "560066"),  # Bengali
        ("౧౮-౧౧-౨౦౨౬", "18-11-2026"),  # Telugu
        ("௨௫,௦௦௦", "25,000"),  # Tamil
        ("१.१ = आशा", "1.1 = आशा"),
        ("plain 42", "plain 42"),
    ],
)
def test_digits_of_every_script_are_read_as_ascii(typed, read):
    assert L.normalise_digits(typed) == read


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("नमस्ते", "hi"),  # Devanagari starts in Hindi; Marathi is one keyword away
        ("নমস্কার, আমার টাকা চলে গেছে", "bn"),
        ("నమస్కారం", "te"),
        ("வணக்கம்", "ta"),
        ("hello", None),  # Latin says nothing about the language: the menu is offered
        ("१२३", None),  # digits alone neither
        ("🙏", None),
    ],
)
def test_a_first_message_in_a_supported_script_names_its_language(text, code):
    detected = L.detect_language(text)
    assert (detected.code if detected else None) == code


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_language_has_an_installed_truetype_font_with_its_script(code):
    from reportlab.pdfbase.ttfonts import TTFont

    files = L.font_files(code)
    assert files is not None and files.regular.exists()
    font = TTFont(f"check-{code}", str(files.regular))
    sample = {"Devanagari": "क", "Bengali": "ক", "Telugu": "క", "Tamil": "க"}[L.language(code).script]
    assert ord(sample) in font.face.charToGlyph


def test_language_labels_name_the_language_in_its_script_and_in_english():
    assert L.language_label("ta") == "தமிழ் (Tamil)"
    assert L.language_label("en") == "English"
    assert L.language("xx").code == "en"
