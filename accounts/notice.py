"""The stand-alone consent notice (DPDP Act 2023 s. 5, DPDP Rules 2025 r. 3): what is collected, why, how to
withdraw, how to exercise one's rights and how to complain to the Data Protection Board, in the citizen's language.

Versioned by `settings.DPDP_NOTICE_VERSION`; every consent event records the version in force (accounts.services
.consent_record). The bot shows it for the privacy keyword; the notice page shows it with a withdraw button.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    text: str


def notice_version() -> str:
    return settings.DPDP_NOTICE_VERSION


def notice_sections(*, language: str, keywords: dict[str, str]) -> list[NoticeSection]:
    """The notice's sections in `language`; `keywords` are the words the citizen types (`stop`, `my_data`,
    `correct_data`, `erase_data`), shown in their language by the caller (the bot knows its keywords)."""
    values = {
        **keywords,
        "days": settings.PRIVACY_REQUEST_DUE_DAYS,
        "board": settings.DPDP_BOARD_URL,
        "number": settings.HELPLINE_NUMBER,
    }
    with translation.override(language):
        return [
            NoticeSection(
                _("What we collect"),
                _(
                    "Your phone number, name, district and PIN code and the language you choose. When you report a "
                    "fraud, also your date of birth, your father's name, the transactions and the files you send."
                ),
            ),
            NoticeSection(
                _("Why"),
                _(
                    "To register your complaint with the cyber crime police (%(number)s), to ask banks to hold the "
                    "money, to send you updates on your case and, only if you agree, fraud alerts."
                )
                % values,
            ),
            NoticeSection(
                _("How to withdraw your consent"),
                _(
                    "Reply *%(stop)s* at any time, or press the button on this notice's page. Alerts stop at once. "
                    "A complaint you have filed goes on, as the law requires."
                )
                % values,
            ),
            NoticeSection(
                _("Your rights"),
                _(
                    "Reply *%(my_data)s* for a copy of your data, *%(correct_data)s* to correct it, "
                    "*%(erase_data)s* to erase it. We answer within %(days)s days, on this same number."
                )
                % values,
            ),
            NoticeSection(
                _("If you are not satisfied"),
                _("You can complain to the Data Protection Board of India: %(board)s") % values,
            ),
        ]


def notice_text(*, language: str, keywords: dict[str, str]) -> str:
    """The notice as one WhatsApp/SMS message (headings in *bold*), with its version."""
    sections = notice_sections(language=language, keywords=keywords)
    with translation.override(language):
        title = _("*Privacy notice* (version %(version)s)") % {"version": notice_version()}
    return "\n\n".join([title, *(f"*{s.heading}*\n{s.text}" for s in sections)])
