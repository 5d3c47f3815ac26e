import itertools
import threading

from fraudsafe.channels.base import BaseChannelBackend, OutboundMessage, SendResult

outbox: list[OutboundMessage] = []
_lock = threading.Lock()
_ids = itertools.count(1)


class LocmemBackend(BaseChannelBackend):
    """Tests: keeps every message in `fraudsafe.channels.locmem.outbox`."""

    def send(self, message: OutboundMessage) -> SendResult:
        with _lock:
            outbox.append(message)
            return SendResult(provider_id=f"locmem-{next(_ids)}")
