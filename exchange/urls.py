from django.urls import path

from exchange import views

app_name = "exchange"
urlpatterns = [
    path("exchange/export/<slug:kind>.<slug:format>", views.export, name="export"),
    path("exchange/xlsform/", views.xlsform_download, name="xlsform"),
]
