from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The trail, read-only: no one adds, changes or deletes an event here, superusers included
    (the application and the database refuse it too)."""

    list_display = ("at", "actor_name", "organisation", "ip_address", "action", "target_type", "target_id")
    list_filter = ("action", "target_type", "organisation", ("at", admin.DateFieldListFilter))
    search_fields = ("actor_name", "action", "target_type", "=target_id", "=person_id")
    date_hierarchy = None  # a date hierarchy counts the whole table per level
    show_full_result_count = False  # no COUNT(*) over millions of events
    list_select_related = ("organisation",)
    readonly_fields = tuple(field.name for field in AuditEvent._meta.fields)
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
