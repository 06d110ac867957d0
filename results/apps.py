from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = "Konkurs i wyniki"
    default_auto_field = "django.db.models.BigAutoField"
