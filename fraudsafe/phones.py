"""Phone numbers, read one way everywhere: django-phonenumber-field, national numbers in PHONENUMBER_DEFAULT_REGION.

API fields use `phonenumber_field.serializerfields.PhoneNumberField` (or `E164PhoneField` when the caller wants
the E.164 text); this module is for values that do not come through a serializer (URL paths, webhooks).
"""

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
