from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="person-list"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("people/<int:person_id>/spellings/new/", views.person_spelling_add, name="person-spelling-add"),
    path("households/<int:household_id>/", views.household_detail, name="household-detail"),
    path(
        "households/<int:household_id>/returns/new/", views.household_return_add, name="household-return-add"
    ),
    path(
        "households/<int:household_id>/members/new/", views.household_member_add, name="household-member-add"
    ),
    path(
        "households/<int:household_id>/members/<int:person_id>/leave/",
        views.household_member_leave,
        name="household-member-leave",
    ),
    path("arrivals/new/", views.arrival_register, name="arrival-register"),
    path("arrivals/new/members/add/", views.arrival_member_add, name="arrival-member-add"),
    path("arrivals/new/members/remove/", views.arrival_member_remove, name="arrival-member-remove"),
]
