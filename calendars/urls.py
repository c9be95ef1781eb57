from django.urls import path

from calendars import views

app_name = "calendars"
urlpatterns = [
    path("calendars/month/", views.month, name="month"),
]
