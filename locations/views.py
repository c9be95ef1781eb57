from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.query_params import parse_id
from locations import selectors


@login_required
@require_GET
def district_options(request: HttpRequest) -> HttpResponse:
    """htmx: the <option>s of the districts of the chosen province."""
    province_id = parse_id(request.GET.get("destination_province"))
    districts = selectors.districts_of(province_id=province_id) if province_id else []
    return render(request, "locations/district_options.html", {"districts": districts})
