"""What recovery does when complaints tells it something (connected in RecoveryConfig.ready())."""

from recovery.services import freeze_requests_open


def on_complaint_submitted(sender, *, complaint_id: int, **kwargs) -> None:
    """A complaint was filed: a freeze request for every transaction whose beneficiary's bank is known."""
    freeze_requests_open(complaint_ids=[complaint_id])


def on_beneficiary_changed(sender, *, transaction_id: int, by=None, **kwargs) -> None:
    """Staff filled in or corrected a beneficiary: a request to its bank (a superseded open one is cancelled)."""
    freeze_requests_open(transaction_ids=[transaction_id], by=by)
