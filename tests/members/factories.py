import datetime

import factory

from members import models
from members.validators import century_sex_digit
from tests.units.factories import CommuneCommandFactory, CommuneFactory
from units.models import DqtvCategory, Force


def national_id_for(person: models.Person, serial: int) -> str:
    """A structurally valid 12-digit ID for `person` (birth province 020, Lạng Sơn)."""
    digit = century_sex_digit(birth_date=person.birth_date, sex=person.sex)
    return f"020{digit}{person.birth_date.year % 100:02d}{serial % 1_000_000:06d}"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    full_name = factory.Faker("name", locale="vi_VN")
    birth_date = datetime.date(1995, 5, 17)
    sex = models.Sex.MALE
    residence_commune = factory.SubFactory(CommuneFactory)
    national_id = factory.LazyAttributeSequence(lambda person, n: national_id_for(person, n))


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceRecord

    person = factory.SubFactory(PersonFactory)
    force = Force.MILITIA
    category = DqtvCategory.IN_PLACE
    commune = factory.SelfAttribute("person.residence_commune")
    start = datetime.date(2022, 1, 1)
    end = None


class CommandPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommandPost

    person = factory.SubFactory(PersonFactory)
    command = factory.SubFactory(
        CommuneCommandFactory, commune=factory.SelfAttribute("..person.residence_commune")
    )
    position = models.Position.COMMANDER
    start = datetime.date(2021, 1, 1)


class PartyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PartyRecord

    person = factory.SubFactory(PersonFactory)
    admitted_on = datetime.date(2020, 3, 2)


class AdmissionCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdmissionCase

    person = factory.SubFactory(PersonFactory)
    commune = factory.SelfAttribute("person.residence_commune")


class AdmissionStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdmissionStep

    case = factory.SubFactory(AdmissionCaseFactory)
    stage = models.Stage.SOURCED
    done_on = datetime.date(2024, 1, 15)
