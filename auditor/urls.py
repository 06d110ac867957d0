from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Audytor — Lider Zaufania Mieszkańców"
admin.site.site_title = "Audytor LZM"
admin.site.index_title = "Administracja konkursu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("auditor.web.urls")),
]
