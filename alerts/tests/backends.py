"""A channel backend for worker-process tests: appends each message's reference to a file, slowly."""

import os
import time

from fraudsafe.channels.base import BaseChannelBackend, OutboundMessage, SendResult


class RecordingBackend(BaseChannelBackend):
    def send(self, message: OutboundMessage) -> SendResult:
        time.sleep(float(os.environ.get("ALERTS_TEST_SEND_DELAY", "0")))
        with open(os.environ["ALERTS_TEST_SENT_LOG"], "a") as log:
            log.write(message.reference + "\n")
            log.flush()
            os.fsync(log.fileno())
        return SendResult(provider_id=f"rec-{message.reference}")
