"""Pages and webhooks of this app (absolute paths)."""

from django.urls import path

from alerts import webhooks

app_name = "alerts"

urlpatterns = [
    path("webhooks/twilio/sms/", webhooks.twilio_sms_inbound, name="twilio-sms"),
    path("webhooks/twilio/status/", webhooks.twilio_status_callback, name="twilio-status"),
    path("webhooks/twilio/templates/", webhooks.twilio_template_events, name="twilio-templates"),
    path("alerts/unsubscribe/<str:token>/", webhooks.unsubscribe, name="unsubscribe"),
]
