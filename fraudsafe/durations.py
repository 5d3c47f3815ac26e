"""How long ago, in the reader's language: "7 मिनट पहले", not "7 minutes पहले".

Django's `timesince` words ("%(num)d minute" …) ship untranslated in its Hindi, Bengali, Marathi, Telugu and Tamil
catalogues. The same msgids are declared here, so that FraudSafe's own catalogues carry them (the project's
catalogues come before Django's): the `timesince` filter in templates and `ago()` in Python both find them.
"""

from django.utils.timesince import timesince
from django.utils.translation import ngettext_lazy

TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}


def ago(moment, depth: int = 2) -> str:
    """The time since `moment` in the active language ("3 दिन, 4 घंटे")."""
    return timesince(moment, depth=depth, time_strings=TIME_STRINGS)
