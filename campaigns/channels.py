"""The channels a volume signal comes from: the one definition (models, serializers, features, /detect).

Distinct from fraudsafe.vocabulary.MessageChannel, the channels an alert is *sent* on (email, SMS, WhatsApp)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalChannel(models.TextChoices):
    CALL = "call", _("Calls")
    SMS = "sms", _("SMS")
    TRANSACTION = "transaction", _("Transactions")
    AD = "ad", _("Ads")


CHANNEL_ORDER = tuple(SignalChannel.values)  # the model input encodes a channel by its place here
