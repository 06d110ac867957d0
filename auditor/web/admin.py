from django.contrib import admin

from results.web_models import IncompleteReview, JurorAssignment, ParticipantEvidence


@admin.register(JurorAssignment)
class JurorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("juror", "participant", "edition", "created_at")
    list_filter = ("edition", "juror")
    search_fields = ("participant__name", "juror__username")
    autocomplete_fields = ("participant",)


@admin.register(ParticipantEvidence)
class ParticipantEvidenceAdmin(admin.ModelAdmin):
    list_display = ("participant", "role", "blob", "outcome", "gathered_at")
    list_filter = ("role", "outcome")
    search_fields = ("participant__name", "blob__sha256")
    list_select_related = ("participant", "blob")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # links follow the artifacts; they are never edited by hand


@admin.register(IncompleteReview)
class IncompleteReviewAdmin(admin.ModelAdmin):
    list_display = ("participant", "rule_id", "target", "decision", "reviewer", "decided_at")
    list_filter = ("decision", "rule_id")
    search_fields = ("participant__name", "target")
