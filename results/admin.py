from django.contrib import admin

from results.models import AuditLogEntry, Certificate, Edition, EvidenceBlob, Participant


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "employees", "public_body", "fee_display", "website")
    list_filter = (
        "kind",
        "subkind",
        "region",
        "public_body",
        "online_consumer_services",
        "editions",
    )
    search_fields = ("name", "nip", "regon", "website", "identity_key")
    readonly_fields = ("identity_key", "created_at", "updated_at")

    @admin.display(description="opłata netto (zł)")
    def fee_display(self, obj: Participant) -> str:
        return f"{obj.fee_pln_net:,}".replace(",", " ")


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "window_start",
        "window_end",
        "appeal_deadline",
        "rubric_version",
        "respect_robots",
    )
    filter_horizontal = ("participants",)


@admin.register(EvidenceBlob)
class EvidenceBlobAdmin(admin.ModelAdmin):
    list_display = ("sha256", "media_type", "size", "producer", "created_at")
    list_filter = ("media_type", "producer")
    search_fields = ("sha256",)

    def has_change_permission(self, request, obj=None):
        return False  # evidence is never edited


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_id")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "edition", "valid_until", "revoked_at")
    list_filter = ("edition",)
    search_fields = ("number", "name", "code")
    readonly_fields = ("number", "code", "pdf_sha256", "issued_at", "issued_by", "score_run")
