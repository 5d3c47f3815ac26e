"""Console pages of the money trail (absolute paths)."""

from django.urls import path

from recovery import grievance_views, restitution_views, views

urlpatterns = [
    path("console/money-trail/", views.money_trail_page, name="console-money-trail"),
    path("console/restitution/", restitution_views.dashboard, name="console-restitution"),
    path(
        "console/complaints/<int:pk>/freeze-requests/<int:request_pk>/resend/",
        views.resend,
        name="console-freeze-resend",
    ),
    path(
        "console/complaints/<int:pk>/freeze-requests/<int:request_pk>/cancel/",
        views.cancel,
        name="console-freeze-cancel",
    ),
    path(
        "console/complaints/<int:pk>/freeze-requests/<int:request_pk>/add-layer/",
        views.add_layer,
        name="console-freeze-add-layer",
    ),
    path(
        "console/complaints/<int:pk>/restitution/request/",
        restitution_views.request_refunds,
        name="console-restitution-request",
    ),
    path(
        "console/complaints/<int:pk>/restitution/order/",
        restitution_views.record_order,
        name="console-restitution-order",
    ),
    path(
        "console/complaints/<int:pk>/restitution/<str:name>.pdf",
        restitution_views.document,
        name="console-restitution-doc",
    ),
    path(
        "console/complaints/<int:pk>/restitution/refund-<int:refund_pk>/<str:name>.pdf",
        restitution_views.document,
        name="console-restitution-refund-doc",
    ),
    path(
        "console/complaints/<int:pk>/grievances/",
        grievance_views.record_grievance,
        name="console-grievance-record",
    ),
    path(
        "console/complaints/<int:pk>/grievances/<int:grievance_pk>/decide/",
        grievance_views.decide_grievance,
        name="console-grievance-decide",
    ),
]
