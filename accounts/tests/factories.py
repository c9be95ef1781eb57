import factory

from accounts.models import Office, Organisation, User


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

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Farid"
    last_name = "Ahmadzai"
    organisation = factory.SubFactory(OrganisationFactory)
    office = factory.LazyAttribute(
        lambda user: OfficeFactory(organisation=user.organisation) if user.organisation else None
    )
    password = factory.django.Password("correct-horse-battery")
