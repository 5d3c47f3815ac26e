import itertools
import logging
import sys

from fraudsafe.channels.base import BaseChannelBackend, OutboundMessage, SendResult
from fraudsafe.masking import mask_phone

logger = logging.getLogger(__name__)
_ids = itertools.count(1)


class ConsoleBackend(BaseChannelBackend):
    """Development: prints each message to stdout instead of sending it."""

    stream = sys.stdout

    def send(self, message: OutboundMessage) -> SendResult:
        provider_id = f"console-{next(_ids)}"
        media = f"\n[media] {message.media_url}" if message.media_url else ""
        self.stream.write(
            f"\n--- {message.channel.upper()} to {mask_phone(message.to)} ({provider_id}) ---\n"
            f"{message.body}{media}\n---\n"
        )
        self.stream.flush()
        return SendResult(provider_id=provider_id)
