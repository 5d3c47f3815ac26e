"""Template filters shared by every page: `{% load money %}` then `{{ amount|inr }}` → ₹12,34,567.50, and
`{{ count|grouped }}` → 12,34,567."""

from django import template

from fraudsafe.money import grouped as grouped_count
from fraudsafe.money import rupees

register = template.Library()


@register.filter
def inr(amount) -> str:
    if amount in (None, ""):
        return "—"
    return rupees(amount)


@register.filter
def grouped(count) -> str:
    return grouped_count(count)
