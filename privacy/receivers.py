"""Privacy's answers to what complaints tells it (connected in PrivacyConfig.ready)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.services import citizen_upsert
from fraudsafe.vocabulary import MessageChannel
from privacy import services
from privacy.models import DataRequest


def data_request_from_bot(sender, *, phone: str, kind: str, language: str, **kwargs) -> services.Answer:
    """A request typed to the WhatsApp bot. The number is the identity: a copy goes back to it at once;
    correction and erasure join the admin queue, and the citizen is told what erasure will keep and why."""
    citizen = citizen_upsert(phone=phone)
    if kind == "notice":
        with translation.override(language):
            text = _("Read this notice and withdraw your consent with one button: %(url)s")
            return services.Answer(text % {"url": services.withdraw_url(citizen=citizen)})
    request = services.request_open(citizen=citizen, kind=kind, channel=MessageChannel.WHATSAPP, language=language)
    return request_answer(request)


def request_answer(request: DataRequest) -> services.Answer:
    """What the citizen is told on the channel they asked on (the bot, or a partner's bot over the API)."""
    citizen, kind, language = request.citizen, request.kind, request.language
    days = settings.PRIVACY_REQUEST_DUE_DAYS
    with translation.override(language):
        if kind == DataRequest.Kind.ACCESS:
            urls = services.access_fulfil(request=request)
            return services.Answer(_("Here is a copy of the data we hold about you: a PDF and a JSON file."), urls)
        if kind == DataRequest.Kind.CORRECTION:
            return services.Answer(
                _(
                    "We have your request to correct your data. Our team will contact you on this number within "
                    "%(days)s days."
                )
                % {"days": days}
            )
        holds = services.legal_holds(citizen=citizen)
        request.held = holds
        request.save(update_fields=["held"])
        return services.Answer(
            _("We have your request to erase your data. It will be done within %(days)s days.") % {"days": days}
            + "\n"
            + services.held_text(holds)
        )
