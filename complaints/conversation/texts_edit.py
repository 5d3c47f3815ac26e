"""Bot sentences of the summary's edit loop and of where the money went (kept apart from texts.py, which the lead
splits): each through gettext, rendered in the citizen's language by the caller's `translation.override`."""

from django.utils.translation import gettext as _

from complaints.conversation import words
from complaints.conversation.fields import Field, display_value


def confirm_or_more_changes() -> str:
    """After an edit, below the updated summary: CONFIRM now submits it."""
    return _("Reply *%(confirm)s* to submit the complaint, or type more changes.") % {"confirm": words.shown("confirm")}


def beneficiary_recognised(f: Field, value: str) -> str:
    """A UPI ID, account or phone number typed straight at "Where did the money go?", taken with its kind."""
    values = {"label": f.label, "value": display_value(f.key, value)}
    return _("Noted, the money went to: %(label)s *%(value)s*.") % values
