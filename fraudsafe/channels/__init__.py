"""Pluggable message channels, chosen by settings like Django's email backends.

backend = get_channel_backend("sms")
results = backend.send_messages([OutboundMessage(channel="sms", to="+919876543210", body="...")])
"""

from fraudsafe.channels.base import (
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    SendResult,
    get_channel_backend,
)

__all__ = [
    "ChannelError",
    "ChannelRecipientRejected",
    "ChannelTemporaryError",
    "OutboundMessage",
    "SendResult",
    "get_channel_backend",
]
