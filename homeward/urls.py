from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Homeward administration")
admin.site.site_title = _("Homeward")

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("people.urls")),
    path("", include("locations.urls")),
    path("", include("names.urls")),
    path("", include("calendars.urls")),
    path("", include("exchange.urls")),
    path("", include("api.urls")),
    path("", include("reports.urls")),
    path("", include("audit.urls")),
    path("", include("consent.urls")),
    path("", include("protection.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
