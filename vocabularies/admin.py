from django.contrib import admin

from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans


class TermAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("code", "name")
    list_filter = ("is_active",)


admin.site.register(ReturnType, TermAdmin)
admin.site.register(DocumentType, TermAdmin)
admin.site.register(TransportMeans, TermAdmin)


@admin.register(Relationship)
class RelationshipAdmin(TermAdmin):
    list_display = (*TermAdmin.list_display, "is_head")
