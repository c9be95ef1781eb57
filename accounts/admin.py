from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind")
    search_fields = ("name", "acronym")


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "area")
    list_filter = ("organisation",)
    search_fields = ("name",)
    raw_id_fields = ("area",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Organisation"), {"fields": ("organisation", "office")}))
    list_display = ("username", "first_name", "last_name", "organisation", "office", "is_staff")
    list_filter = ("organisation", "is_staff", "is_superuser", "is_active")
