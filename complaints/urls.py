"""Pages and webhooks of the complaints app (absolute paths)."""

from django.urls import include, path

from complaints import webhooks

urlpatterns = [
    path("webhooks/twilio/whatsapp/", webhooks.whatsapp_webhook, name="whatsapp_webhook"),
    path("complaints/pdf/<str:token>/", webhooks.complaint_pdf_link, name="complaint_pdf_link"),
    path("", include("complaints.console.urls")),
]
