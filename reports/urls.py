from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.figures, name="figures"),
    path("reports/figures.csv", views.figures_csv, name="figures-csv"),
]
