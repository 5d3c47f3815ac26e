from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"

    def ready(self):
        from complaints.console.panels import complaint_panels
        from complaints.console.receipts import receipts_panel

        complaint_panels.register("complaints.receipts", receipts_panel)
