"""Who may see and do what. The only module that knows the rules: every page, export, search and
command reaches personal data through the querysets below.

For now a member of staff sees the records of their own organisation; a superuser sees all.
Offices and roles refine this later without callers changing.
"""

from django.db.models import Exists, OuterRef, QuerySet

from exchange.models import ImportJob
from people.models import Household, IdentityDocument, Person, ReturnEvent


def _is_national(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def people_visible_to(user) -> QuerySet[Person]:
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    if _is_national(user):
        return Person.objects.all()
    return Person.objects.filter(organisation_id=user.organisation_id)


def households_visible_to(user) -> QuerySet[Household]:
    if not getattr(user, "is_authenticated", False):
        return Household.objects.none()
    if _is_national(user):
        return Household.objects.all()
    return Household.objects.filter(organisation_id=user.organisation_id)


def return_events_visible_to(user) -> QuerySet[ReturnEvent]:
    if not getattr(user, "is_authenticated", False):
        return ReturnEvent.objects.none()
    if _is_national(user):
        return ReturnEvent.objects.all()
    return ReturnEvent.objects.filter(organisation_id=user.organisation_id)


def documents_visible_to(user) -> QuerySet[IdentityDocument]:
    """The identity documents of the people the user may see: whoever may see a person may see
    their documents, and no one else."""
    # A correlated EXISTS (one primary-key probe per document) keeps "newest documents first"
    # pages cheap on both engines, where IN (all visible people) would first gather a million ids.
    return IdentityDocument.objects.filter(Exists(people_visible_to(user).filter(pk=OuterRef("person_id"))))


def can_register_arrival(user) -> bool:
    """Registering needs an organisation to own the records (superusers may lack one)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.organisation_id)


def can_import(user) -> bool:
    """Importing a file needs an organisation to own the imported records."""
    return can_register_arrival(user)


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    """The imports of the user's organisation (their reports hold the files' personal data)."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    if _is_national(user):
        return ImportJob.objects.all()
    return ImportJob.objects.filter(organisation_id=user.organisation_id)


def can_change_import_job(user, job: ImportJob) -> bool:
    """Checking and committing an import writes into its organisation: only that organisation's
    staff may, with their own rights (a superuser of another organisation only looks)."""
    return can_import(user) and job.organisation_id == user.organisation_id


class _CommandLine:
    """Whoever runs ``homeward`` on the server: already has the database, so acts as an
    administrator (sees every record). Not a user account and never signs in to the web."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = id = None
    organisation_id = None
    username = "command-line"

    def __str__(self) -> str:
        return self.username


COMMAND_LINE = _CommandLine()
