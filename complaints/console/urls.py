"""Attender console pages (owned by the staff-console work)."""

from django.urls import path

from complaints.console import receipts, views

urlpatterns = [
    path("console/", views.my_queue, name="console-home"),
    path("console/unassigned/", views.unassigned, name="console-unassigned"),
    path("console/search/", views.search, name="console-search"),
    path("console/take-next/", views.take_next, name="console-take-next"),
    path("console/complaints/<int:pk>/", views.complaint_detail, name="console-complaint"),
    path("console/complaints/<int:pk>/claim/", views.claim, name="console-claim"),
    path("console/complaints/<int:pk>/status/", views.change_status, name="console-status"),
    path("console/complaints/<int:pk>/notes/", views.add_note, name="console-note"),
    path("console/complaints/<int:pk>/hand-over/", views.hand_over, name="console-hand-over"),
    path("console/complaints/<int:pk>/unassign/", views.unassign, name="console-unassign"),
    path("console/complaints/<int:pk>/reopen/", views.reopen, name="console-reopen"),
    path(
        "console/complaints/<int:pk>/transactions/<int:transaction_pk>/progress/",
        views.set_progress,
        name="console-progress",
    ),
    path("console/complaints/<int:pk>/pdf/", views.download_pdf, name="console-pdf"),
    path(
        "console/complaints/<int:pk>/transactions/<int:transaction_pk>/beneficiary/",
        views.set_beneficiary,
        name="console-beneficiary",
    ),
    path("console/complaints/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="console-evidence"),
    path(
        "console/complaints/<int:pk>/evidence/<int:evidence_pk>/read-again/",
        receipts.evidence_read_again,
        name="console-evidence-read-again",
    ),
]
