"""Money as the helpline reads it: rupees with Indian digit grouping (12,34,567.50), everywhere."""

from decimal import Decimal, InvalidOperation


def format_inr(amount: Decimal | str | int | float | None) -> str:
    """Indian digit grouping with paise: 1234567.5 → "12,34,567.50" (no currency sign)."""
    try:
        value = Decimal(str(amount if amount is not None else 0)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return str(amount)
    whole, _dot, paise = f"{value:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        whole = ",".join([*groups, tail])
    return f"{sign}{whole}.{paise}"


def rupees(amount) -> str:
    """ "₹12,34,567.50"."""
    return "₹" + format_inr(amount)


def grouped(count: int | None) -> str:
    """A count with Indian digit grouping: 1234567 → "12,34,567"."""
    return format_inr(int(count or 0)).partition(".")[0]
