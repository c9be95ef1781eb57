"""``/api/v1/audit-events/``: the audit trail for auditors, read-only (every other method is 405).

Events come from ``audit.selectors`` (``access.policy.audit_events_visible_to``): an auditor reads
their organisation's trail; other roles get 403, visitors 401.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from access import policy
from api.exceptions import api_exception_handler
from api.filters import DATE_HELP
from audit import selectors
from audit.forms import EventFilterForm
from audit.models import AuditEvent


class MayReadTheTrail(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not policy.may(user, "audit.view"):
            raise PermissionDenied
        return True


class AuditEventSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    actor = serializers.CharField(source="actor_name", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "organisation",
            "ip_address",
            "action",
            "target_type",
            "target_id",
            "person_id",
            "details",
        ]
        read_only_fields = fields


_FILTERS = [
    OpenApiParameter("person", str, description="A person's id or global identifier (uid)."),
    OpenApiParameter("actor", str, description="A username, as recorded."),
    OpenApiParameter("action", str, description="An action or its beginning (`import` finds every import)."),
    OpenApiParameter("target_type", str, description="A record type, e.g. `people.person`."),
    OpenApiParameter("target_id", int, description="A record's id."),
    OpenApiParameter("since", str, description=f"Events on or after this day. {DATE_HELP}"),
    OpenApiParameter("until", str, description=f"Events on or before this day. {DATE_HELP}"),
]


@extend_schema_view(list=extend_schema(parameters=_FILTERS))
class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit trail, newest first, paged by cursor. Read-only: the trail cannot be changed."""

    serializer_class = AuditEventSerializer
    permission_classes = [MayReadTheTrail]
    filter_backends: list = []
    lookup_value_regex = r"[0-9]+"

    def get_exception_handler(self):
        return api_exception_handler

    def get_queryset(self):
        if self.action != "list":
            return selectors.audit_event_list(actor=self.request.user, wanted=selectors.EventFilter())
        form = EventFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({key: list(value) for key, value in form.errors.items()})
        return selectors.audit_event_list(actor=self.request.user, wanted=form.wanted())
