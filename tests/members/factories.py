import datetime

import factory

from members import models
from members.validators import century_sex_digit
from tests.units.factories import CommuneCommandFactory, CommuneFactory
from units.models import DqtvCategory, Force, Rating


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


class MemberRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MemberRating

    person = factory.SubFactory(PersonFactory)
    year = 2023
    rating = Rating.GOOD


class AdmissionRuleSetFactory(factory.django.DjangoModelFactory):
    """A rule set with the 2021 values; migration 0003 already holds the real 2021 one."""

    class Meta:
        model = models.AdmissionRuleSet

    effective_from = factory.Sequence(lambda n: datetime.date(2030 + n, 1, 1))
    source_document = factory.Sequence(lambda n: f"Quy định thử {n}-QĐ/TW")
    min_age_months = 18 * 12
    max_age_months = 60 * 12
    certificate_valid_months = 60
    verification_valid_months = 12
    introducer_letter_valid_months = 6
    introducer_acquaintance_months = 12
    cell_vote_numerator = 2
    cell_vote_denominator = 3
    committee_vote_numerator = 2
    committee_vote_denominator = 3
    decision_deadline_working_days = 60
    decision_extension_working_days = 30
    ceremony_deadline_working_days = 30
    probation_months = 12
    recognition_cell_deadline_working_days = 30
    recognition_committee_deadline_working_days = 30
    readmission_wait_months = 36
    cell_committee_min_full_members = 9


class CandidateFactory(PersonFactory):
    """An outstanding non-member who meets the education rule for admission."""

    general_education = models.GeneralEducation.UPPER_SECONDARY
