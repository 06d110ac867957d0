from django.contrib.auth import views as auth_views
from django.urls import path

from auditor.web import (
    award_views,
    certificate_views,
    contact_views,
    mail_review_views,
    publish_views,
    ranking_views,
    sweep_views,
    views,
)

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
    # Public, no login: anyone may check a certificate's code.
    path("certyfikat/", certificate_views.certificates, name="certificates"),
    path("certyfikat/<str:code>/", certificate_views.certificate, name="certificate"),
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
    path("poczta/do-przypisania/", mail_review_views.queue, name="mail_review"),
    path(
        "poczta/do-przypisania/<int:message_id>/",
        mail_review_views.decide,
        name="mail_review_decide",
    ),
    path("przebiegi/", sweep_views.sweeps, name="sweeps"),
    path("przebiegi/<int:sweep_id>/", sweep_views.sweep_detail, name="sweep"),
    path("przebiegi/<int:sweep_id>/ponow/", sweep_views.retry, name="sweep_retry"),
    path("przebiegi/uruchom/", sweep_views.start, name="sweep_start"),
    path("przebiegi/<int:sweep_id>/anuluj/", sweep_views.cancel, name="sweep_cancel"),
    path("static/<path:path>", views.static_file, name="static_file"),
    path("ranking/", ranking_views.ranking, name="ranking"),
    path("ranking/przelicz/", ranking_views.recompute, name="recompute"),
    path("ranking/publikuj/", publish_views.publish_ranking, name="publish"),
    path(
        "ranking/opublikowany/<int:version>/<str:fmt>/",
        publish_views.published,
        name="published",
    ),
    path("ranking/eksport/<str:fmt>/", ranking_views.export, name="export"),
    path("ranking/raport/<int:participant_id>/", ranking_views.report, name="report"),
    path("nagrody/", award_views.awards, name="awards"),
    path("nagrody/decyzja/", award_views.decide, name="award_decide"),
    path("nagrody/cofnij/<int:decision_id>/", award_views.revoke, name="award_revoke"),
    path("uczestnicy/<int:participant_id>/ocena/", views.assess, name="assess"),
    path("uczestnicy/<int:participant_id>/kontakt/", contact_views.contact, name="contact"),
    path("uczestnicy/<int:participant_id>/korekta/", views.override, name="override"),
]
