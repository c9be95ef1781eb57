import factory

from accounts.models import Office, Organisation, Role, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Office {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Farid"
    last_name = "Ahmadzai"
    organisation = factory.SubFactory(OrganisationFactory)
    office = factory.LazyAttribute(
        lambda user: OfficeFactory(organisation=user.organisation) if user.organisation else None
    )
    password = factory.django.Password("correct-horse-battery")
    # A caseworker who also registers, nationwide in their organisation: what most tests need.
    # Tests about roles and scope pass ``roles=[...]`` and ``nationwide=False``.
    nationwide = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        codes = ("clerk", "caseworker") if extracted is None else extracted
        # get_or_create: browser tests empty the tables, seeded roles included, between tests.
        self.roles.set([Role.objects.get_or_create(code=code)[0] for code in codes])
