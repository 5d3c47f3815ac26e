"""Demo data for `make run`: the seed templates (idempotent). Alerts are sent by the user, not on start-up."""

from alerts.models import AlertTemplate
from alerts.services import templates_seed
from fraudsafe.registry import demo_loaders


@demo_loaders.register
def load(*, stdout, style) -> None:
    created = templates_seed()
    stdout.write(f"  {AlertTemplate.objects.count()} alert templates ({created} new)")
    stdout.write(
        "  send a location alert to the demo citizens: admin → Alerts → Add alert "
        '(or POST /api/alert/location {"district": "Bengaluru Urban"})'
    )
