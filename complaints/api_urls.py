"""API endpoints of this app (mounted under /api/)."""

from django.urls import path

from complaints import api

urlpatterns = [
    path("complaints/", api.ComplaintListApi.as_view(), name="api-complaint-list"),
    path("complaints/<int:pk>/", api.ComplaintDetailApi.as_view(), name="api-complaint-detail"),
    path("complaints/<int:pk>/claim/", api.ComplaintClaimApi.as_view(), name="api-complaint-claim"),
    path("complaints/<int:pk>/status/", api.ComplaintStatusApi.as_view(), name="api-complaint-status"),
    path("complaints/<int:pk>/pdf/", api.ComplaintPdfApi.as_view(), name="api-complaint-pdf"),
    path("attenders/", api.AttenderListApi.as_view(), name="api-attender-list"),
]
