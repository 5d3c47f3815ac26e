"""Phone numbers, read one way everywhere: django-phonenumber-field, national numbers in PHONENUMBER_DEFAULT_REGION.

API fields use `phonenumber_field.serializerfields.PhoneNumberField` (or `E164PhoneField` when the caller wants
the E.164 text); this module is for values that do not come through a serializer (URL paths, webhooks, the
bot's answers, search, identifiers in free text). Nothing else in the product calls `phonenumbers.parse`.
"""

import re

import phonenumbers
from phonenumber_field.phonenumber import PhoneNumber, to_python
from phonenumber_field.serializerfields import PhoneNumberField


def phone_parse(value: object) -> PhoneNumber | None:
    """A valid number from text such as "+919876543210" or "98765 43210", else None."""
    number = value if isinstance(value, PhoneNumber) else to_python(str(value or "").strip())
    return number if number and number.is_valid() else None


class E164PhoneField(PhoneNumberField):
    """A serializer field that accepts any valid number and gives its E.164 text ("+919876543210")."""

    def to_internal_value(self, data):
        number = super().to_internal_value(data)
        return number.as_e164 if number else number


def phone_read(value: object) -> PhoneNumber | None:
    """The number as typed (valid or not, as a model field stores it): django-phonenumber-field's reading."""
    return value if isinstance(value, PhoneNumber) else to_python(value)


def phone_e164(value: object) -> str:
    """ "98765 43210", "+91 98765-43210" → "+919876543210"; "" when it is not a valid number."""
    number = phone_parse(re.sub(r"[\s().-]", "", str(value or "")))
    return number.as_e164 if number else ""


def phone_in_text(text: str) -> str:
    """The E.164 form of the first valid phone number inside free text ("Paytm 98765 43210" → "+919876543210")."""
    for match in re.finditer(r"\+?\d[\d -]{7,16}\d", text or ""):
        found = phone_e164(match.group(0))
        if found:
            return found
    return ""


def indian_mobile(value: object) -> str:
    """The 10 national digits of a valid Indian mobile number ("+91 98765 43210" → "9876543210"), else ""."""
    number = phone_parse(re.sub(r"[\s().-]", "", str(value or "")))
    if number is None or number.country_code != 91 or len(str(number.national_number)) != 10:
        return ""
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return str(number.national_number) if phonenumbers.number_type(number) in mobile_types else ""
