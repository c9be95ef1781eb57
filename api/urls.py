from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import views
from audit.api import AuditEventViewSet

app_name = "api"

router = SimpleRouter()
router.register("api/v1/people", views.PersonViewSet, basename="person")
router.register("api/v1/households", views.HouseholdViewSet, basename="household")
router.register("api/v1/return-events", views.ReturnEventViewSet, basename="return-event")
router.register("api/v1/documents", views.DocumentViewSet, basename="document")
router.register("api/v1/countries", views.CountryViewSet, basename="country")
router.register("api/v1/admin-areas", views.AdminAreaViewSet, basename="admin-area")
router.register("api/v1/border-crossings", views.BorderCrossingViewSet, basename="border-crossing")
router.register("api/v1/return-types", views.ReturnTypeViewSet, basename="return-type")
router.register("api/v1/document-types", views.DocumentTypeViewSet, basename="document-type")
router.register("api/v1/relationships", views.RelationshipViewSet, basename="relationship")
router.register("api/v1/transport-means", views.TransportMeansViewSet, basename="transport-means")
router.register("api/v1/audit-events", AuditEventViewSet, basename="audit-event")

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", views.ApiDocsView.as_view(), name="docs"),
    path("accounts/tokens/", views.token_list, name="token-list"),
    path("accounts/tokens/new/", views.token_create, name="token-create"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    *router.urls,
]
