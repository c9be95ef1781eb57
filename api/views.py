"""The REST API under /api/v1/ (read-only for now), its schema and docs, and the pages where a user
manages their API tokens. Every list and record comes from api.selectors, which start from
access.policy: a record the caller may not see is answered with 404, never 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import permissions, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from access import policy
from api import selectors, services
from api.exceptions import api_exception_handler
from api.filters import AdminAreaFilter, DocumentFilter, HouseholdFilter, PersonFilter, ReturnEventFilter
from api.forms import ApiTokenCreateForm
from api.schema import ApiAutoSchema
from api.serializers import (
    AdminAreaSerializer,
    BorderCrossingSerializer,
    CountrySerializer,
    DocumentSerializer,
    DocumentTypeSerializer,
    HouseholdSerializer,
    PersonSerializer,
    RelationshipSerializer,
    ReturnEventSerializer,
    ReturnTypeSerializer,
    TransportMeansSerializer,
)
from core.query_params import parse_id
from locations.models import AdminArea, BorderCrossing, Country
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans

ID_PATTERN = r"[0-9]+"


class MayUseTheApi(permissions.BasePermission):
    """Signed in (by token or session) with a role that may use the API (``api.use``): analysts
    and auditors read figures and the audit trail, not records."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and policy.may(request.user, "api.use"))


class ApiViewMixin:
    schema = ApiAutoSchema()
    permission_classes = [MayUseTheApi]

    def get_exception_handler(self):
        return api_exception_handler


class RecordViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Records with ids: filtered, ordered by id (newest first unless ``?ordering=id``), paged by
    cursor."""

    lookup_value_regex = ID_PATTERN
    ordering_fields = ["id"]
    ordering = ["-id"]

    def record_id(self) -> int:
        record_id = parse_id(self.kwargs[self.lookup_field])
        if record_id is None:  # more digits than any id has
            raise Http404
        return record_id

    def get_object(self):
        # The list's filters do not apply to a single record: /people/7/ is person 7 or 404.
        return get_object_or_404(self.get_queryset(), pk=self.record_id())


class PersonViewSet(RecordViewSet):
    """People the caller may see. ``q`` searches names in every script and spelling, phones and
    document numbers, as the People page does; the results are newest first."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(actor=self.request.user)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        query = (request.query_params.get("q") or "").strip()
        if not query:
            page = self.paginate_queryset(selectors.person_details(queryset))
            return self.get_paginated_response(self._page_data(page))

        def fetch(before_id, page_size):
            people, next_before, too_short = selectors.person_search(
                actor=request.user, query=query, within=queryset, before_id=before_id, page_size=page_size
            )
            if too_short:
                raise ValidationError(
                    {"q": [_("Type at least one word of three letters or digits to search.")]}
                )
            return people, next_before

        people = self.paginator.paginate_keyset(request, fetch)
        return self.paginator.get_keyset_response(self._page_data(people))

    def _page_data(self, people) -> list:
        return PersonSerializer.for_page(list(people), self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        person = selectors.person_get(actor=request.user, person_id=self.record_id())
        return Response(self.get_serializer(person).data)


class HouseholdViewSet(RecordViewSet):
    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter

    def get_queryset(self):
        return selectors.household_list(actor=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        household = selectors.household_get(actor=request.user, household_id=self.record_id())
        return Response(self.get_serializer(household).data)


class ReturnEventViewSet(RecordViewSet):
    serializer_class = ReturnEventSerializer
    filterset_class = ReturnEventFilter

    def get_queryset(self):
        return selectors.return_event_list(actor=self.request.user)


class DocumentViewSet(RecordViewSet):
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        return selectors.document_list(actor=self.request.user)


class AdminAreaViewSet(RecordViewSet):
    """Provinces (level 1, ISO 3166-2) and districts (level 2, OCHA P-codes)."""

    serializer_class = AdminAreaSerializer
    filterset_class = AdminAreaFilter
    queryset = AdminArea.objects.order_by("id")
    ordering = ["id"]


class CodeListViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A short code list, whole (no pages), in its sort order; an item by its code."""

    pagination_class = None
    filter_backends = []
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class CountryViewSet(CodeListViewSet):
    serializer_class = CountrySerializer
    queryset = Country.objects.order_by("name")
    lookup_value_regex = r"[A-Z]{2}"


class BorderCrossingViewSet(CodeListViewSet):
    serializer_class = BorderCrossingSerializer
    queryset = BorderCrossing.objects.order_by("sort_order", "name")


class ReturnTypeViewSet(CodeListViewSet):
    serializer_class = ReturnTypeSerializer
    queryset = ReturnType.objects.all()


class DocumentTypeViewSet(CodeListViewSet):
    serializer_class = DocumentTypeSerializer
    queryset = DocumentType.objects.all()


class RelationshipViewSet(CodeListViewSet):
    serializer_class = RelationshipSerializer
    queryset = Relationship.objects.all()


class TransportMeansViewSet(CodeListViewSet):
    serializer_class = TransportMeansSerializer
    queryset = TransportMeans.objects.all()


# The browsable documentation -----------------------------------------------------------------------


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored sidecar files, CSP-clean: the page has no inline script or style;
    its start-up script is served by this same view at ``?script`` (docs/decisions/0004-api.md)."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = gettext_lazy("Homeward API")

    def _swagger_settings(self) -> str:
        # No online validator badge: it would fetch an image from swagger.io (offline offices, CSP).
        return self._dump({**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None})

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if request.GET.get("script") is not None:
            return Response(
                data={
                    "schema_url": self._get_schema_url(request),
                    "settings": self._swagger_settings(),
                    "oauth2_config": self._dump(spectacular_settings.SWAGGER_UI_OAUTH2_CONFIG),
                    "csrf_header_name": self._get_csrf_header_name(),
                    "schema_auth_names": self._dump(self._get_schema_auth_names()),
                },
                template_name=self.template_name_js,
                content_type="application/javascript",
            )
        return super().get(request, *args, **kwargs)


# The user's API tokens ------------------------------------------------------------------------------


@login_required
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    if not policy.may(request.user, "api.use"):
        raise PermissionDenied
    tokens = selectors.api_token_list(actor=request.user)
    return render(request, "api/token_list.html", {"tokens": tokens})


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    """Make a token and show its key on this response only: it is never stored, so never shown again."""
    if not policy.may(request.user, "api.use"):
        raise PermissionDenied
    form = ApiTokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
        except DjangoValidationError as error:
            form.add_error(None, error)
        else:
            response = render(request, "api/token_created.html", {"token": token, "key": key})
            add_never_cache_headers(response)
            return response
    return render(request, "api/token_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Ask to confirm (GET), then revoke (POST). Only the user's own tokens exist here (else 404)."""
    if not policy.may(request.user, "api.use"):
        raise PermissionDenied
    token = selectors.api_token_get(actor=request.user, token_id=token_id)
    if request.method == "POST":
        services.api_token_revoke(actor=request.user, token=token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: programs using it are refused from now on.")
            % {"name": token.name},
        )
        return redirect("api:token-list")
    return render(request, "api/token_revoke.html", {"token": token})
