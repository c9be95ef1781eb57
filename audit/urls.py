from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.event_list, name="event-list"),
    path("audit/events.csv", views.event_export, name="event-export"),
    path("audit/people/<int:person_id>/", views.person_history, name="person-history"),
]
