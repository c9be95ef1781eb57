from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from people import selectors


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    recent = selectors.person_list_recent(actor=request.user, page_size=10)
    return render(request, "core/home.html", {"recent": recent.people})


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for load balancers; says nothing about records."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
