"""Every write to people, households and their returns."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy
from audit import services as audit
from names.normalise import document_number_key
from people import search_index
from people.models import (
    NAME_PARTS,
    DatePrecision,
    Household,
    HouseholdMembership,
    IdentityDocument,
    NameSpelling,
    Person,
    Phone,
    ReturnEvent,
    ReturnEventPerson,
)
from people.phones import phone_to_e164


@dataclass
class DocumentInput:
    document_type: object
    number: str
    issuing_country: object | None = None
    expires_on: datetime.date | None = None


@dataclass
class MemberInput:
    relationship: object
    sex: str
    birth_on: datetime.date | None = None
    birth_precision: str = ""
    names: dict[str, str] = field(default_factory=dict)  # NAME_PARTS and their *_latin twins
    phones: list[str] = field(default_factory=list)
    documents: list[DocumentInput] = field(default_factory=list)


@dataclass
class ArrivalInput:
    arrived_on: datetime.date
    border_crossing: object
    returned_from: object
    return_type: object
    transport: object | None = None
    destination_province: object | None = None
    destination_district: object | None = None


def member_error_key(index: int, field_name: str) -> str:
    """Errors about one member are keyed ``member-<index>-<field>`` so forms can place them."""
    return f"member-{index}-{field_name}"


def _name_fields() -> tuple[str, ...]:
    return (*NAME_PARTS, *(f"{part}_latin" for part in NAME_PARTS))


def _validate_arrival(arrival: ArrivalInput, members: list[MemberInput]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if arrival.arrived_on > today:
        errors.setdefault("arrived_on", []).append(
            _("Arrival date %(value)s is in the future.") % {"value": arrival.arrived_on.isoformat()}
        )
    district, province = arrival.destination_district, arrival.destination_province
    if district is not None and (province is None or district.parent_id != province.pk):
        errors.setdefault("destination_district", []).append(
            _("District %(district)s is not in the chosen province.") % {"district": district.label}
        )
    if not members:
        errors.setdefault("__all__", []).append(_("Add at least one member to the household."))
    heads = [member for member in members if member.relationship.is_head]
    if members and len(heads) != 1:
        errors.setdefault("__all__", []).append(
            _("A household has exactly one head; this one has %(count)d.") % {"count": len(heads)}
        )
    return errors


def _validate_member(
    index: int, member: MemberInput, arrived_on: datetime.date, regions
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        errors.setdefault(member_error_key(index, field_name), []).append(message)

    if not (member.names.get("given_name") or member.names.get("given_name_latin")):
        add("given_name", _("Write the given name, in the original script or in Latin letters."))
    if member.birth_on and member.birth_on > arrived_on:
        add(
            "birth_date",
            _("Date of birth %(value)s is after the arrival date.") % {"value": member.birth_on.isoformat()},
        )
    for phone in member.phones:
        if phone_to_e164(phone, regions) is None:
            add(
                "phones",
                _(
                    "Phone number %(value)s is not valid: "
                    "write it with the country code, e.g. +93 70 123 4567."
                )
                % {"value": phone},
            )
    for document in member.documents:
        if document.expires_on and member.birth_on and document.expires_on < member.birth_on:
            add("documents", _("A document cannot expire before its holder was born."))
    return errors


def _validate_documents(members: list[MemberInput]) -> dict[str, list[str]]:
    """The same document may be held once: not twice in this household, not by anyone already."""
    from people.selectors import document_holder_find

    errors: dict[str, list[str]] = {}
    seen: dict[tuple, int] = {}
    for index, member in enumerate(members):
        for document in member.documents:
            country_id = document.issuing_country.pk if document.issuing_country else None
            key = (document.document_type.pk, document_number_key(document.number), country_id)
            if key in seen:
                errors.setdefault(member_error_key(index, "documents"), []).append(
                    _("Document %(number)s is also entered for member %(other)d.")
                    % {"number": document.number, "other": seen[key] + 1}
                )
                continue
            seen[key] = index
            holder = document_holder_find(
                document_type_id=document.document_type.pk,
                number=document.number,
                issuing_country_id=country_id,
            )
            if holder is not None:
                errors.setdefault(member_error_key(index, "documents"), []).append(
                    ValidationError(
                        _("%(type)s %(number)s is already registered to another person."),
                        code="duplicate_document",
                        params={
                            "type": document.document_type.label,
                            "number": document.number,
                            "person_id": holder.pk,
                        },
                    )
                )
    return errors


def _phone_regions(arrival: ArrivalInput) -> tuple[str, ...]:
    regions = [settings.HOMEWARD_HOME_COUNTRY]
    if arrival.returned_from is not None and arrival.returned_from.pk not in regions:
        regions.append(arrival.returned_from.pk)
    return tuple(regions)


def _search_text(person: Person, *, other_spellings, phones, documents) -> str:
    return search_index.search_text_for(
        spellings=[[getattr(person, name) for name in _name_fields()], *other_spellings],
        phones=[(phone.number, phone.e164) for phone in phones],
        document_numbers=[document.number for document in documents],
    )


def person_search_text(person: Person) -> str:
    """Rebuild the search keys from everything recorded about the person (read afresh from the
    database, not from any prefetched copy the caller may hold)."""
    return _search_text(
        person,
        other_spellings=NameSpelling.objects.filter(person=person).values_list(*_name_fields()),
        phones=Phone.objects.filter(person=person).only("number", "e164"),
        documents=IdentityDocument.objects.filter(person=person).only("number"),
    )


@transaction.atomic
def household_arrival_register(*, actor, arrival: ArrivalInput, members: list[MemberInput]) -> Household:
    """Register a household's arrival: the household, its members, their documents and phones,
    and one return event for all of them — whole, or nothing at all.

    Raises ValidationError keyed by arrival field names or ``member-<index>-<field>``, and
    PermissionError when the actor may not register arrivals.
    """
    if not policy.can_register_arrival(actor):
        raise PermissionError("actor may not register arrivals")
    regions = _phone_regions(arrival)
    errors = _validate_arrival(arrival, members)
    for index, member in enumerate(members):
        for key, messages in _validate_member(index, member, arrival.arrived_on, regions).items():
            errors.setdefault(key, []).extend(messages)
    for key, messages in _validate_documents(members).items():
        errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    tracked = {"created_by": actor, "updated_by": actor}
    household = Household.objects.create(
        organisation_id=actor.organisation_id,
        office_id=actor.office_id,
        area=arrival.destination_province,
        **tracked,
    )
    event = _return_event_create(actor=actor, household=household, arrival=arrival)
    people = []
    for member in members:
        person = _person_create(actor=actor, household=household, member=member, regions=regions)
        people.append(person)
        HouseholdMembership.objects.create(
            household=household,
            person=person,
            relationship=member.relationship,
            joined_on=arrival.arrived_on,
            **tracked,
        )
        ReturnEventPerson.objects.create(return_event=event, person=person)
    audit.record(
        actor=actor,
        action="household.arrival_registered",
        target=household,
        details={"return_event": event.pk, "members": len(members)},
    )
    # Each person's access history starts with their registration (one INSERT for them all).
    audit.record_many(
        actor=actor,
        action="person.registered",
        target_type="people.person",
        organisation=household.organisation_id,
        rows=[(person.pk, person.pk, {"household": household.pk}) for person in people],
    )
    return household


@transaction.atomic
def return_event_record(
    *, actor, household: Household, arrival: ArrivalInput, people: list[Person]
) -> ReturnEvent:
    """Record that some or all of a household's current members came back again (deported a
    second time, say). Raises ValidationError keyed by field when the return cannot be recorded.
    """
    if not policy.can_register_arrival(actor):
        raise PermissionError("actor may not register arrivals")
    errors = _validate_arrival(arrival, [])
    errors.pop("__all__", None)
    if not people:
        errors.setdefault("people", []).append(_("Choose at least one member who came back."))
    current = set(household.memberships.filter(left_on__isnull=True).values_list("person_id", flat=True))
    if any(person.pk not in current for person in people):
        errors.setdefault("people", []).append(_("Only current members of the household can be chosen."))
    for person in people:
        if person.birth_on and person.birth_on > arrival.arrived_on:
            errors.setdefault("arrived_on", []).append(
                _("Arrival date %(value)s is before %(name)s was born.")
                % {"value": arrival.arrived_on.isoformat(), "name": person.display_name}
            )
    if errors:
        raise ValidationError(errors)
    event = _return_event_create(actor=actor, household=household, arrival=arrival)
    ReturnEventPerson.objects.bulk_create(
        ReturnEventPerson(return_event=event, person=person) for person in people
    )
    moved: dict = {}
    if arrival.destination_province and arrival.destination_province.pk != household.area_id:
        # They now live elsewhere: the staff of the new province follow them from here on.
        moved = audit.changes({"area": household.area_id}, {"area": arrival.destination_province.pk})
        household.area = arrival.destination_province
        household.save(update_fields=["area"])
        Person.objects.filter(pk__in=[person.pk for person in people]).update(
            area=arrival.destination_province
        )
    audit.record(
        actor=actor,
        action="return_event.recorded",
        target=event,
        details={"household": household.pk, "people": [person.pk for person in people], **moved},
    )
    audit.record_many(
        actor=actor,
        action="person.returned",
        target_type="people.person",
        organisation=household.organisation_id,
        rows=[(person.pk, person.pk, {"return_event": event.pk, **moved}) for person in people],
    )
    return event


@transaction.atomic
def household_member_add(
    *, actor, household: Household, member: MemberInput, joined_on: datetime.date
) -> Person:
    """A new member joins a registered household (a baby born, a relative who moved in).

    Raises ValidationError keyed like the registration (``member-0-<field>``, ``joined_on``).
    """
    if not policy.can_register_arrival(actor):
        raise PermissionError("actor may not register people")
    errors: dict[str, list] = {}
    if joined_on > timezone.localdate():
        errors["joined_on"] = [_("Date %(value)s is in the future.") % {"value": joined_on.isoformat()}]
    regions = (settings.HOMEWARD_HOME_COUNTRY,)
    for key, messages in (
        _validate_member(0, member, joined_on, regions) | _validate_documents([member])
    ).items():
        errors.setdefault(key, []).extend(messages)
    if (
        member.relationship.is_head
        and household.memberships.filter(left_on__isnull=True, relationship__is_head=True).exists()
    ):
        errors.setdefault(member_error_key(0, "relationship"), []).append(
            _("This household already has a head.")
        )
    if errors:
        raise ValidationError(errors)
    person = _person_create(actor=actor, household=household, member=member, regions=regions)
    HouseholdMembership.objects.create(
        household=household,
        person=person,
        relationship=member.relationship,
        joined_on=joined_on,
        created_by=actor,
        updated_by=actor,
    )
    audit.record(
        actor=actor,
        action="household.member_added",
        target=household,
        person=person,
        details={"person": person.pk, "joined_on": joined_on.isoformat()},
    )
    return person


@transaction.atomic
def household_member_leave(*, actor, household: Household, person_id: int, left_on: datetime.date):
    """Record that a current member left the household on ``left_on``. The head leaves last.

    Raises ValidationError (``left_on`` or unkeyed) when that cannot be.
    """
    if not policy.can_register_arrival(actor):
        raise PermissionError("actor may not change households")
    membership = (
        household.memberships.select_for_update()
        .select_related("relationship", "person")
        .filter(person_id=person_id, left_on__isnull=True)
        .first()
    )
    if membership is None:
        raise ValidationError(_("That person is not a current member of this household."), code="not_member")
    if left_on > timezone.localdate() or left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": [
                    _("The date of leaving must be between %(joined)s and today.")
                    % {"joined": membership.joined_on.isoformat()}
                ]
            }
        )
    others = household.memberships.filter(left_on__isnull=True).exclude(pk=membership.pk)
    if membership.relationship.is_head and others.exists():
        raise ValidationError(
            _("The head of household leaves last: record the others first, or register the new household."),
            code="head_leaves_last",
        )
    person = membership.person
    before = {"left_on": membership.left_on, "household": person.household_id}
    membership.left_on, membership.updated_by = left_on, actor
    membership.save(update_fields=["left_on", "updated_by", "updated_at"])
    if person.household_id == household.pk:
        person.household, person.updated_by = None, actor
        person.save(update_fields=["household", "updated_by", "updated_at"])
    audit.record(
        actor=actor,
        action="household.member_left",
        target=household,
        person=person,
        details={
            "person": person.pk,
            "left_on": left_on.isoformat(),
            **audit.changes(before, {"left_on": left_on, "household": person.household_id}),
        },
    )
    return membership


@transaction.atomic
def name_spelling_add(*, actor, person: Person, names: dict[str, str], source: str = "") -> NameSpelling:
    """Record another spelling of a person's name (another script, romanisation or registration),
    and make it searchable at once. Raises ValidationError when no part is given or it is the
    primary name again."""
    if not policy.can_register_arrival(actor):
        raise PermissionError("actor may not change people's records")
    cleaned = {name: (names.get(name) or "").strip() for name in _name_fields()}
    if not any(cleaned.values()):
        raise ValidationError(_("Write at least one part of the name."), code="empty_spelling")
    if all(cleaned[name] == getattr(person, name) for name in _name_fields()):
        raise ValidationError(_("This is the primary spelling already."), code="same_spelling")
    spelling = NameSpelling.objects.create(person=person, source=source.strip(), created_by=actor, **cleaned)
    person.search_text = person_search_text(person)
    person.updated_by = actor
    person.save(update_fields=["search_text", "updated_by", "updated_at"])
    audit.record(
        actor=actor, action="person.spelling_added", target=person, details={"spelling": spelling.pk}
    )
    return spelling


def people_search_reindex(*, batch_size: int = 2000, progress=None) -> int:
    """Rebuild every person's search keys (after the normalisation or the variant table changed).
    Each batch is its own transaction, so a long run can be stopped and started again."""
    done, after = 0, 0
    while True:
        with transaction.atomic():
            batch = list(
                Person.objects.filter(pk__gt=after)
                .order_by("pk")
                .prefetch_related("spellings", "phones", "documents")[:batch_size]
            )
            if not batch:
                return done
            for person in batch:
                person.search_text = _search_text(
                    person,
                    other_spellings=[
                        [getattr(spelling, name) for name in _name_fields()]
                        for spelling in person.spellings.all()
                    ],
                    phones=person.phones.all(),
                    documents=person.documents.all(),
                )
            Person.objects.bulk_update(batch, ["search_text"])
        done += len(batch)
        after = batch[-1].pk
        if progress:
            progress(done)


def _return_event_create(*, actor, household: Household, arrival: ArrivalInput) -> ReturnEvent:
    return ReturnEvent.objects.create(
        household=household,
        organisation_id=household.organisation_id,
        office_id=actor.office_id,
        created_by=actor,
        updated_by=actor,
        **{name: getattr(arrival, name) for name in ArrivalInput.__dataclass_fields__},
    )


def _person_create(*, actor, household: Household, member: MemberInput, regions) -> Person:
    person = Person.objects.create(
        organisation_id=actor.organisation_id,
        office_id=actor.office_id,
        area_id=household.area_id,
        household=household,
        sex=member.sex,
        birth_on=member.birth_on,
        birth_precision=member.birth_precision if member.birth_on else "",
        created_by=actor,
        updated_by=actor,
        **{name: (member.names.get(name) or "").strip() for name in _name_fields()},
    )
    Phone.objects.bulk_create(
        Phone(
            person=person,
            number=number.strip(),
            e164=phone_to_e164(number, regions) or "",
            created_by=actor,
            updated_by=actor,
        )
        for number in member.phones
    )
    IdentityDocument.objects.bulk_create(
        IdentityDocument(
            person=person,
            document_type=document.document_type,
            number=document.number.strip(),
            number_normalised=document_number_key(document.number),
            issuing_country=document.issuing_country,
            expires_on=document.expires_on,
            created_by=actor,
            updated_by=actor,
        )
        for document in member.documents
    )
    person.search_text = person_search_text(person)
    person.save(update_fields=["search_text"])
    return person


def estimated_birth_date(*, age: int, on: datetime.date) -> tuple[datetime.date, str]:
    """A stated age becomes 1 January of the year the person turned that age (the usual
    convention for Afghan records, shared/DOMAIN.md §2), marked as estimated."""
    return datetime.date(on.year - age, 1, 1), DatePrecision.ESTIMATED
