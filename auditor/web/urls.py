from django.contrib.auth import views as auth_views
from django.urls import include, path

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

# One participant's pages: /uczestnicy/<id>/…
participant_urls = [
    path("", views.participant_detail, name="participant"),
    path("niepewne/", views.review_incomplete, name="review_incomplete"),
    path("pliki/<str:sha256>/", views.evidence_file, name="evidence_file"),
    path("kopia/<str:sha256>/", views.snapshot, name="snapshot"),
    path("kopia/<str:sha256>/tresc/", views.snapshot_content, name="snapshot_content"),
    path("ocena/", views.assess, name="assess"),
    path("kontakt/", contact_views.contact, name="contact"),
    path("korekta/", views.override, name="override"),
]
sweep_urls = [
    path("", sweep_views.sweeps, name="sweeps"),
    path("uruchom/", sweep_views.start, name="sweep_start"),
    path("<int:sweep_id>/", sweep_views.sweep_detail, name="sweep"),
    path("<int:sweep_id>/ponow/", sweep_views.retry, name="sweep_retry"),
    path("<int:sweep_id>/anuluj/", sweep_views.cancel, name="sweep_cancel"),
]
ranking_urls = [
    path("", ranking_views.ranking, name="ranking"),
    path("przelicz/", ranking_views.recompute, name="recompute"),
    path("publikuj/", publish_views.publish_ranking, name="publish"),
    path("opublikowany/<int:version>/<str:fmt>/", publish_views.published, name="published"),
    path("eksport/<str:fmt>/", ranking_views.export, name="export"),
    path("raport/<int:participant_id>/", ranking_views.report, name="report"),
]
award_urls = [
    path("", award_views.awards, name="awards"),
    path("decyzja/", award_views.decide, name="award_decide"),
    path("cofnij/<int:decision_id>/", award_views.revoke, name="award_revoke"),
]

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
    path("uczestnicy/<int:participant_id>/", include(participant_urls)),
    path("dziennik/", views.audit_log, name="audit_log"),
    path("poczta/do-przypisania/", mail_review_views.queue, name="mail_review"),
    path(
        "poczta/do-przypisania/<int:message_id>/",
        mail_review_views.decide,
        name="mail_review_decide",
    ),
    path("przebiegi/", include(sweep_urls)),
    path("static/<path:path>", views.static_file, name="static_file"),
    path("ranking/", include(ranking_urls)),
    path("nagrody/", include(award_urls)),
]
