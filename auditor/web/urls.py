from django.contrib.auth import views as auth_views
from django.urls import path

from auditor.web import views

app_name = "web"

urlpatterns = [
    path(
        "logowanie/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("uczestnicy/", views.participants, name="participants"),
    path("uczestnicy/<int:participant_id>/", views.participant_detail, name="participant"),
    path(
        "uczestnicy/<int:participant_id>/niepewne/",
        views.review_incomplete,
        name="review_incomplete",
    ),
    path(
        "uczestnicy/<int:participant_id>/pliki/<str:sha256>/",
        views.evidence_file,
        name="evidence_file",
    ),
    path(
        "uczestnicy/<int:participant_id>/kopia/<str:sha256>/",
        views.snapshot,
        name="snapshot",
    ),
    path(
        "uczestnicy/<int:participant_id>/kopia/<str:sha256>/tresc/",
        views.snapshot_content,
        name="snapshot_content",
    ),
    path("dziennik/", views.audit_log, name="audit_log"),
    path("ranking/", views.ranking, name="ranking"),
]
