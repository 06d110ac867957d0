from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "auditor.web"
    label = "web"
    verbose_name = "Interfejs jurorów i organizatorów"

    def ready(self) -> None:
        from auditor.web.security import connect_signals

        connect_signals()
