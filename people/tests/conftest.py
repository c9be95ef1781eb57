import datetime

import pytest

from locations.models import AdminArea, BorderCrossing, Country
from people.services import ArrivalInput, DocumentInput, MemberInput
from vocabularies.models import DocumentType, Relationship, ReturnType, TransportMeans


@pytest.fixture
def vocab(db):
    class Vocab:
        head = Relationship.objects.get(code="head")
        spouse = Relationship.objects.get(code="spouse")
        son = Relationship.objects.get(code="son")
        daughter = Relationship.objects.get(code="daughter")
        tazkira = DocumentType.objects.get(code="tazkira")
        e_tazkira = DocumentType.objects.get(code="e-tazkira")
        passport = DocumentType.objects.get(code="passport")
        deported = ReturnType.objects.get(code="deported")
        bus = TransportMeans.objects.get(code="bus")
        islam_qala = BorderCrossing.objects.get(code="islam-qala")
        iran = Country.objects.get(pk="IR")
        afghanistan = Country.objects.get(pk="AF")
        herat = AdminArea.objects.get(iso_code="AF-HER")

    return Vocab


@pytest.fixture
def arrival(vocab):
    return ArrivalInput(
        arrived_on=datetime.date(2025, 6, 20),
        border_crossing=vocab.islam_qala,
        returned_from=vocab.iran,
        return_type=vocab.deported,
        transport=vocab.bus,
        destination_province=vocab.herat,
    )


@pytest.fixture
def family(vocab):
    """A household of three as a clerk at Islam Qala would enter it."""
    return [
        MemberInput(
            relationship=vocab.head,
            sex="M",
            birth_on=datetime.date(1985, 1, 1),
            birth_precision="year",
            names={
                "given_name": "محمد زمان",
                "given_name_latin": "Mohammad Zaman",
                "father_name": "عبدالعلی",
                "father_name_latin": "Abdul Ali",
                "grandfather_name": "غلام حضرت",
            },
            phones=["۰۷۰۱۲۳۴۵۶۷"],
            documents=[
                DocumentInput(
                    document_type=vocab.e_tazkira, number="1400-0101-12345", issuing_country=vocab.afghanistan
                )
            ],
        ),
        MemberInput(
            relationship=vocab.spouse,
            sex="F",
            birth_on=datetime.date(1990, 5, 1),
            birth_precision="month",
            names={"given_name": "زرغونه", "given_name_latin": "Zarghona", "father_name": "گل احمد"},
        ),
        MemberInput(
            relationship=vocab.daughter,
            sex="F",
            birth_on=datetime.date(2015, 3, 21),
            birth_precision="day",
            names={"given_name": "ملالی", "given_name_latin": "Malalai", "father_name": "محمد زمان"},
        ),
    ]
