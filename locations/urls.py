from django.urls import path

from locations import views

app_name = "locations"
urlpatterns = [
    path("locations/districts/", views.district_options, name="district-options"),
]
