"""What the bot says about languages: the menu (each language in its own script), the change, and the hint after a
language was guessed from the script. Each through gettext, rendered by the caller's `translation.override`."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.conversation import words
from fraudsafe.languages import language, languages


def language_menu(*, first: bool = False) -> str:
    """The numbered menu, each language written in its own script (first contact: with a welcome)."""
    lines = []
    if first:
        lines.append(
            _("Namaste! This is FraudSafe, the %(number)s cyber-fraud helpline.") % {"number": settings.HELPLINE_NUMBER}
        )
    lines.append(_("Choose your language. Reply with its number:"))
    lines += [f"{number}. {lang.native}" for number, lang in enumerate(languages(), start=1)]
    return "\n".join(lines)


def language_set() -> str:
    """Said after a change of language (in the new language)."""
    return _("✅ Language: %(language)s. Type *%(keyword)s* to change it.") % {
        "language": language(translation.get_language()).native,
        "keyword": words.shown("language"),
    }


def language_hint() -> str:
    """Said when the language was guessed from the script: how to choose another one, and the languages written
    in the same script, each invited in its own words (Devanagari → Hindi, "मराठीसाठी *मराठी* लिहा")."""
    current = language(translation.get_language())
    lines = [_("Type *%(keyword)s* to choose another language.") % {"keyword": words.shown("language")}]
    for other in languages():
        if other.script == current.script and other.code != current.code:
            with translation.override(other.code):
                lines.append(_("For %(language)s, type *%(name)s*.") % {"language": other.native, "name": other.native})
    return "\n".join(lines)
