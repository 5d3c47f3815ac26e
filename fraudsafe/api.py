"""API base shared by every app: paging, a JSON-only parser, readable error texts. Who may call: accounts.auth."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from rest_framework import exceptions, fields, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


class StrictJSONParser(JSONParser):
    """JSON without NUL characters anywhere (PostgreSQL text cannot hold them): such a payload is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _contains_nul(data):
            raise exceptions.ParseError(_("The request contains a NUL character, which is not allowed."))
        return data


class PluralMessage:
    """An error message DRF formats with `.format(**{count_name: n})` that agrees with its number.

    DRF writes its length messages as one plural sentence ("at least {min_length} elements") and formats them
    with str.format, so "at least 1 elements" came out. DRF calls `.format` on whatever `error_messages` holds
    (at field creation and in `fail()`), so a message object that picks its plural form with ngettext fixes every
    field at once. `message` is an `ngettext_lazy(singular, plural, count_name)`: makemessages finds both forms
    and each language gets its own plural rules."""

    def __init__(self, message, count_name: str):
        self.message, self.count_name = message, count_name

    def format(self, *args, **kwargs) -> str:
        return self.message % {self.count_name: kwargs[self.count_name]}

    def __str__(self) -> str:
        return self.format(**{self.count_name: 2})


def plural_messages() -> dict[type, dict[str, PluralMessage]]:
    """DRF's length messages, as sentences that agree with their number."""
    elements = {
        "min_length": PluralMessage(
            ngettext_lazy(
                "Ensure this field has at least %(min_length)d element.",
                "Ensure this field has at least %(min_length)d elements.",
                "min_length",
            ),
            "min_length",
        ),
        "max_length": PluralMessage(
            ngettext_lazy(
                "Ensure this field has no more than %(max_length)d element.",
                "Ensure this field has no more than %(max_length)d elements.",
                "max_length",
            ),
            "max_length",
        ),
    }
    characters = {
        "min_length": PluralMessage(
            ngettext_lazy(
                "Ensure this field has at least %(min_length)d character.",
                "Ensure this field has at least %(min_length)d characters.",
                "min_length",
            ),
            "min_length",
        ),
        "max_length": PluralMessage(
            ngettext_lazy(
                "Ensure this field has no more than %(max_length)d character.",
                "Ensure this field has no more than %(max_length)d characters.",
                "max_length",
            ),
            "max_length",
        ),
    }
    digits = {
        "max_digits": PluralMessage(
            ngettext_lazy(
                "Ensure that there is no more than %(max_digits)d digit in total.",
                "Ensure that there are no more than %(max_digits)d digits in total.",
                "max_digits",
            ),
            "max_digits",
        ),
        "max_decimal_places": PluralMessage(
            ngettext_lazy(
                "Ensure that there is no more than %(max_decimal_places)d decimal place.",
                "Ensure that there are no more than %(max_decimal_places)d decimal places.",
                "max_decimal_places",
            ),
            "max_decimal_places",
        ),
        "max_whole_digits": PluralMessage(
            ngettext_lazy(
                "Ensure that there is no more than %(max_whole_digits)d digit before the decimal point.",
                "Ensure that there are no more than %(max_whole_digits)d digits before the decimal point.",
                "max_whole_digits",
            ),
            "max_whole_digits",
        ),
    }
    return {
        fields.ListField: elements,
        serializers.ListSerializer: elements,
        fields.CharField: characters,
        fields.DecimalField: digits,
    }


def install_plural_messages() -> None:
    """Gives DRF's fields the messages of `plural_messages` (called once, from FraudsafeConfig.ready)."""
    for field_class, messages in plural_messages().items():
        field_class.default_error_messages = {**field_class.default_error_messages, **messages}
