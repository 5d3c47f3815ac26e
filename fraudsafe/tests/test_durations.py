"""'How long ago' reads in the reader's language, in templates (the timesince filter) and in Python (ago)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from fraudsafe.durations import ago
from fraudsafe.languages import languages

AGES = [dt.timedelta(minutes=7), dt.timedelta(hours=1, minutes=5), dt.timedelta(days=3), dt.timedelta(days=400)]


@pytest.mark.parametrize("code", [lang.code for lang in languages() if lang.code != "en"])
def test_every_duration_is_translated_in_templates_and_in_python(code):
    now = timezone.now()
    with translation.override(code):
        for age in AGES:
            filtered = Template("{{ moment|timesince }}").render(Context({"moment": now - age}))
            spoken = ago(now - age)
            for text in (filtered, spoken):
                assert not any("a" <= c.lower() <= "z" for c in text), (code, age, text)
                assert any(c.isdigit() for c in text), text


def test_english_keeps_its_words():
    with translation.override("en"):
        assert ago(timezone.now() - dt.timedelta(minutes=7)) == "7\xa0minutes"
    with translation.override("hi"):
        assert ago(timezone.now() - dt.timedelta(minutes=7)) == "7\xa0मिनट"
