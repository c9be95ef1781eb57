from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from accounts.models import Office, Organisation, User


class HomewardAdminSite(OTPAdminSite):
    """The admin site only for staff who gave their second factor in this session. Signing in
    happens on Homeward's own page (with its lockout and two-step sign-in), never the admin's."""

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next") or resolve_url("admin:index")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = resolve_url("admin:index")
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(next_url, resolve_url(settings.LOGIN_URL))


# django-otp's documented way to guard the default site that every app registers with.
admin.site.__class__ = HomewardAdminSite


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
