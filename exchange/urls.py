from django.urls import path

from exchange import import_views, views

app_name = "exchange"
urlpatterns = [
    path("exchange/export/<slug:kind>.<slug:format>", views.export, name="export"),
    path("exchange/xlsform/", views.xlsform_download, name="xlsform"),
    path("exchange/imports/", import_views.import_list, name="import-list"),
    path("exchange/imports/new/", import_views.import_upload, name="import-upload"),
    path("exchange/imports/<int:job_id>/", import_views.import_detail, name="import-detail"),
    path("exchange/imports/<int:job_id>/columns/", import_views.import_mapping, name="import-mapping"),
    path("exchange/imports/<int:job_id>/import/", import_views.import_commit, name="import-commit"),
    path("exchange/imports/<int:job_id>/errors.csv", import_views.import_errors, name="import-errors"),
]
