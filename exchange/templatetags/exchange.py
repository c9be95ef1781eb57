from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def export_kinds() -> list[tuple[str, str]]:
    """What the export menu offers: (kind, heading) in the reader's language."""
    return [("people", _("People")), ("households", _("Households")), ("returns", _("Return events"))]
