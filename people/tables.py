"""The columns of people's tables in the order bulk loaders (the demo, imports) write them.

One definition, so a column added to a model is added to every loader's rows at once.
"""

from people.models import NAME_PARTS

NAME_COLUMNS = (*NAME_PARTS, *(f"{part}_latin" for part in NAME_PARTS))
_TRACKED = ("created_at", "updated_at", "created_by_id", "updated_by_id")
COLUMNS = {
    "people_household": ("id", "uid", *_TRACKED, "organisation_id", "office_id", "area_id"),
    "people_person": (
        "id",
        "uid",
        *_TRACKED,
        "organisation_id",
        "office_id",
        "area_id",
        "household_id",
        "sex",
        "birth_on",
        "birth_precision",
        *NAME_COLUMNS,
        "search_text",
    ),
    "people_householdmembership": (
        "id",
        *_TRACKED,
        "household_id",
        "person_id",
        "relationship_id",
        "joined_on",
        "left_on",
    ),
    "people_returnevent": (
        "id",
        *_TRACKED,
        "household_id",
        "organisation_id",
        "office_id",
        "arrived_on",
        "border_crossing_id",
        "returned_from_id",
        "return_type_id",
        "transport_id",
        "destination_province_id",
        "destination_district_id",
    ),
    "people_phone": ("id", *_TRACKED, "person_id", "number", "e164"),
    "people_identitydocument": (
        "id",
        *_TRACKED,
        "person_id",
        "document_type_id",
        "number",
        "number_normalised",
        "issuing_country_id",
        "expires_on",
    ),
}
