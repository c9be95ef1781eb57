from locations.models import AdminArea


def districts_of(*, province_id: int) -> list[AdminArea]:
    return sorted(
        AdminArea.objects.filter(parent_id=province_id, level=AdminArea.Level.DISTRICT),
        key=lambda area: area.label,
    )
