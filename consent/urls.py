from django.urls import path

from consent import views

app_name = "consent"

urlpatterns = [
    path("people/<int:person_id>/consents/new/", views.consent_record, name="consent-record"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("people/<int:person_id>/shares/new/", views.share_create, name="share-create"),
    path("shares/<int:share_id>/revoke/", views.share_revoke, name="share-revoke"),
    path("people/<int:person_id>/erasure/", views.erasure_request, name="erasure-request"),
    path("consent/erasure/", views.erasure_list, name="erasure-list"),
    path("consent/erasure/<int:request_id>/", views.erasure_decide, name="erasure-decide"),
]
