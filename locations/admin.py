from django.contrib import admin

from locations.models import AdminArea, BorderCrossing, Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "alpha3", "name", "common_name")
    search_fields = ("code", "alpha3", "name", "common_name")


@admin.register(AdminArea)
class AdminAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "country", "iso_code", "pcode", "parent")
    list_filter = ("level", "country")
    search_fields = ("name", "iso_code", "pcode")
    raw_id_fields = ("parent",)
    list_select_related = ("country", "parent")


@admin.register(BorderCrossing)
class BorderCrossingAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "country",
        "area",
        "neighbour_country",
        "neighbour_name",
        "is_active",
    )
    list_filter = ("kind", "country", "is_active")
    search_fields = ("code", "name", "neighbour_name")
    raw_id_fields = ("area",)
