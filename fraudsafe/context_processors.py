"""Template context every page gets."""

from fraudsafe.languages import languages


def staff_languages(request) -> dict:
    """The languages a staff member can switch the console to, each named in its own script."""
    return {"staff_languages": [(lang.code, lang.native) for lang in languages()]}
