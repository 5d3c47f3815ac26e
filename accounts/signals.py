"""Signals of people and access. Apps that act on consent (alerts) listen; accounts never calls them."""

from django.dispatch import Signal

# Sent inside the transaction that appends the event, by accounts.services.consent_record only.
# Arguments: event (the new ConsentEvent). A receiver's writes commit or roll back with the event.
consent_recorded = Signal()
