from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from names.variants import suggest_cyrillic, suggest_latin


@login_required
@require_GET
def spelling_suggest(request: HttpRequest) -> JsonResponse:
    """Spellings to offer for a name as it is typed: Latin for Arabic script or Cyrillic, Cyrillic
    for an Azerbaijani or Russian name typed in Latin letters."""
    text = request.GET.get("text", "")[:100]
    return JsonResponse({"latin": suggest_latin(text), "cyrillic": suggest_cyrillic(text)})
