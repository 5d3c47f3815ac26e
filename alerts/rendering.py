"""Rendering an alert template for one recipient, in the recipient's language."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from alerts.models import AlertTemplate

UNSUBSCRIBE_SALT = "alerts.unsubscribe"


@dataclass
class Rendered:
    subject: str
    body: str
    html_body: str = ""
    content_variables: dict | None = None


def base_context(*, alert_context: dict | None = None, citizen_name: str = "", district: str = "", area: str = ""):
    return {
        "helpline_number": settings.HELPLINE_NUMBER,
        "portal_url": settings.HELPLINE_PORTAL_URL,
        "citizen_name": citizen_name,
        "district": district,
        "area": area,
        **(alert_context or {}),
    }


class CompiledTemplate:
    """A template compiled once per chunk and rendered per recipient."""

    def __init__(self, template: AlertTemplate):
        self.template = template
        self.subject = Template(template.subject or "")
        self.body = Template(template.body)

    def render(self, *, context: dict, language: str, unsubscribe_url: str = "") -> Rendered:
        with translation.override(language):
            ctx = Context(context, autoescape=False)
            subject = " ".join(self.subject.render(ctx).split())
            body = self.body.render(ctx).strip()
            html_body = ""
            if self.template.channel == "email":
                html_body = render_to_string(
                    "alerts/email/alert.html",
                    {"subject": subject, "body": body, "unsubscribe_url": unsubscribe_url, **context},
                )
                body = render_to_string(
                    "alerts/email/alert.txt", {"body": body, "unsubscribe_url": unsubscribe_url, **context}
                )
            variables = None
            if self.template.content_sid:
                names = self.template.content_variables or []
                variables = {str(index): str(context.get(name, "")) for index, name in enumerate(names, 1)}
            return Rendered(subject=subject, body=body, html_body=html_body, content_variables=variables)


def render_preview(template: AlertTemplate, context: dict | None = None) -> Rendered:
    """The template rendered with sample values (admin preview)."""
    sample = base_context(
        alert_context={
            "peak_hours": "19:00–21:00",
            "districts": "Bengaluru Urban, Pune",
            "case_count": 42,
            "fraud_types": "UPI fraud, KYC fraud",
            "campaign_type": "fake KYC calls",
            "amount": "25,000",
            **(context or {}),
        },
        citizen_name="Asha",
        district="Bengaluru Urban",
        area="Whitefield",
    )
    return CompiledTemplate(template).render(
        context=sample, language=template.language, unsubscribe_url=settings.FRAUDSAFE_PUBLIC_URL + "/alerts/…"
    )


def unsubscribe_token(*, citizen_id: int | None, email: str = "") -> str:
    return signing.dumps({"c": citizen_id, "e": "" if citizen_id else email}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_payload(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def unsubscribe_url(*, citizen_id: int | None, email: str = "") -> str:
    token = unsubscribe_token(citizen_id=citizen_id, email=email)
    return settings.FRAUDSAFE_PUBLIC_URL + reverse("alerts:unsubscribe", args=[token])
