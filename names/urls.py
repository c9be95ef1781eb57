from django.urls import path

from names import views

app_name = "names"
urlpatterns = [
    path("names/suggest/", views.spelling_suggest, name="spelling-suggest"),
]
