from django.urls import path

from protection import views

app_name = "protection"

urlpatterns = [
    path("people/<int:person_id>/sensitive-notes/new/", views.note_add, name="note-add"),
]
