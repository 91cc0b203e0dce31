"""The Django admin, as a national administrator uses it: every page answers, bad input is
refused with a message beside the field, and nothing is written half-way."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import (
    AdmissionCase,
    AdmissionStep,
    MemberRating,
    Person,
    PersonReadLog,
    ServiceRecord,
    Stage,
)
from members.services.audit import person_reads_log
from targets.models import Directive, Target
from tests.members.factories import (
    AdmissionCaseFactory,
    AdmissionStepFactory,
    CommandPostFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import (
    LEGACY_END,
    CommuneCommandFactory,
    CommuneFactory,
    CommunePopulationFactory,
    DistrictFactory,
    ForceUnitFactory,
    MilitaryPartyCellFactory,
    ProvinceFactory,
    VillageFactory,
    VillagePartyCountFactory,
)
from units.models import (
    REFORM_DATE,
    CellCommitteePeriod,
    CellRating,
    ChangeKind,
    CommuneLineage,
    Province,
    ProvinceLineage,
    Rating,
)

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Shown, never written in the admin: admission has one write path (the case pages' services),
# and the read log is evidence.
# django-axes' sign-in attempts (issue 13) are recorded by axes alone; a two-step sign-in
# device is enrolled by its owner alone (the admin only deletes it: the reset).
READ_ONLY = (
    AdmissionCase,
    AdmissionStep,
    PersonReadLog,
    AccessAttempt,
    AccessFailureLog,
    AccessLog,
    TOTPDevice,
)
EDITABLE = [model for model in REGISTERED if model not in READ_ONLY]
PERSON_INLINE_PREFIXES = ("services", "posts", "party_records", "ratings")


def url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def person_data(person: Person, *services: dict[str, str]) -> dict[str, str]:
    """POST data for the person change page: the person as stored and `services` as rows."""
    data = {
        "national_id": person.national_id or "",
        "full_name": person.full_name,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "general_education": person.general_education,
        "military_training": person.military_training,
        "residence_commune": str(person.residence_commune_id),
        "residence_village": str(person.residence_village_id or ""),
    }
    for prefix in PERSON_INLINE_PREFIXES[1:]:
        data |= management(prefix)
    initial = sum(1 for row in services if row.get("id"))
    data |= management("services", total=len(services), initial=initial)
    for index, row in enumerate(services):
        data |= {f"services-{index}-{name}": value for name, value in row.items()}
    return data


def service_row(
    person: Person, start: str, end: str = "", record: ServiceRecord | None = None
) -> dict[str, str]:
    return {
        "id": str(record.pk) if record else "",
        "person": str(person.pk),
        "force": "militia",
        "category": "in_place",
        "is_core": "on",
        "commune": str(person.residence_commune_id),
        "village": "",
        "unit": "",
        "start": start,
        "end": end,
        "end_reason": "",
    }


@pytest.fixture
def client(admin_client: Client) -> Client:
    # Messages are asserted in English, whatever translations the lead adds later.
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def one_of_each(national_admin) -> None:
    """At least one row of every registered model, linked as real data would be."""
    district = DistrictFactory()
    commune = CommuneFactory(province=district.province, district=district)
    village = VillageFactory(commune=commune)
    VillagePartyCountFactory(village=village)
    CommunePopulationFactory(commune=commune)
    unit = ForceUnitFactory(commune=commune)
    cell = MilitaryPartyCellFactory(commune=commune)
    CellCommitteePeriod.objects.create(cell=cell, start=datetime.date(2021, 1, 1))
    CellRating.objects.create(cell=cell, year=2023, rating=Rating.GOOD)
    successor = CommuneFactory()
    ProvinceLineage.objects.create(
        predecessor=district.province,
        successor=successor.province,
        kind=ChangeKind.MERGE,
        effective_on=REFORM_DATE,
    )
    CommuneLineage.objects.create(
        predecessor=commune, successor=successor, kind=ChangeKind.MERGE, effective_on=REFORM_DATE
    )
    person = PersonFactory(residence_commune=commune, residence_village=village)
    ServiceRecordFactory(person=person, unit=unit, village=village)
    CommandPostFactory(person=person, command=CommuneCommandFactory(commune=commune))
    PartyRecordFactory(person=person, military_cell=cell)
    MemberRating.objects.create(person=person, year=2023, rating=Rating.GOOD)
    case = AdmissionCaseFactory(person=PersonFactory(residence_commune=commune), cell=cell)
    case.introducers.add(person)
    AdmissionStepFactory(case=case, recorded_by=national_admin)
    person_reads_log(reader=national_admin, person_ids=[person.pk], purpose="detail")
    TargetFactory(directive=DirectiveFactory(province=successor.province))
    Group.objects.create(name="Ban Tổ chức Tỉnh ủy")
    AccessAttempt.objects.create(username="admin", ip_address="192.0.2.1", failures_since_start=1)
    AccessFailureLog.objects.create(username="admin", ip_address="192.0.2.1")
    AccessLog.objects.create(username="admin", ip_address="192.0.2.1")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_lists_the_rows(client, one_of_each, model):
    response = client.get(url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", EDITABLE, ids=lambda model: model._meta.label)
def test_add_page_answers(client, one_of_each, model):
    assert client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model._meta.label)
def test_add_page_of_a_read_only_model_is_refused(client, model):
    assert client.get(url(model, "add")).status_code == 403


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_answers(client, one_of_each, model):
    obj = model._default_manager.order_by("pk").first()

    assert client.get(url(model, "change", obj.pk)).status_code == 200


def test_site_header_names_the_product(client):
    response = client.get(reverse("admin:index"))

    assert "Party development in militia, self-defence and reserve forces" in response.text


def test_search_on_a_vietnamese_name_finds_the_person(client):
    wanted = PersonFactory(full_name="Hoàng Thị Ngọc Ánh")
    PersonFactory(full_name="Nguyễn Văn Bình")

    response = client.get(url(Person, "changelist"), {"q": "Ngọc Ánh"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_commune_autocomplete_finds_a_commune_by_vietnamese_name(client):
    wanted = CommuneFactory(name="Xã Tân Thành")
    CommuneFactory(name="Xã Chi Lăng")
    query = {
        "app_label": "members",
        "model_name": "person",
        "field_name": "residence_commune",
        "term": "Tân Thành",
    }

    response = client.get(reverse("admin:autocomplete"), query)

    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]


def test_validity_era_filter_separates_units_before_and_after_the_reform(client):
    legacy = ProvinceFactory(code="80", name="Tỉnh Long An", valid_from=None, valid_to=LEGACY_END)
    ProvinceFactory(code="80", name="Tỉnh Tây Ninh", valid_from=REFORM_DATE)

    response = client.get(url(Province, "changelist"), {"era": "legacy"})

    assert list(response.context["cl"].result_list) == [legacy]


def test_admission_cases_filter_by_their_latest_step(client):
    ahead = AdmissionStepFactory(stage=Stage.SOURCED, done_on=datetime.date(2024, 1, 15)).case
    AdmissionStepFactory(case=ahead, stage=Stage.CELL_VOTE, eligible_voters=9, votes_for=8)
    AdmissionStepFactory(stage=Stage.SOURCED)

    response = client.get(url(AdmissionCase, "changelist"), {"stage": Stage.CELL_VOTE})

    assert list(response.context["cl"].result_list) == [ahead]


def test_person_change_page_renders_its_inlines(client):
    record = ServiceRecordFactory()
    person = record.person
    CommandPostFactory(person=person)
    PartyRecordFactory(person=person)

    response = client.get(url(Person, "change", person.pk))

    rows = {
        inline.formset.prefix: len(inline.formset.initial_forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert rows == {"services": 1, "posts": 1, "party_records": 1, "ratings": 0}


def test_person_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    PersonFactory.create_batch(8)

    # Session, user, the device of its two-step sign-in, savepoints, the page, its count and
    # the province filter: a query per row would add eight.
    with django_assert_max_num_queries(8):
        response = client.get(url(Person, "changelist"))

    assert response.context["cl"].result_count == 8


def test_service_record_changelist_queries_do_not_grow_with_rows(
    client, django_assert_max_num_queries
):
    for _ in range(8):
        ServiceRecordFactory(unit=ForceUnitFactory())

    # As for people, plus the date hierarchy; a query per row would add eight.
    with django_assert_max_num_queries(10):
        response = client.get(url(ServiceRecord, "changelist"))

    assert response.context["cl"].result_count == 8


def test_two_overlapping_core_rows_in_one_submission_are_refused(client):
    person = PersonFactory()
    rows = (service_row(person, "2022-01-01"), service_row(person, "2023-01-01", "2023-12-31"))

    response = client.post(url(Person, "change", person.pk), person_data(person, *rows))

    assert response.status_code == 200
    assert "core service records may not overlap" in response.text
    assert ServiceRecord.objects.count() == 0


def test_a_new_core_row_overlapping_a_stored_one_is_refused(client):
    stored = ServiceRecordFactory(start=datetime.date(2022, 1, 1), end=None)
    person = stored.person
    rows = (
        service_row(person, "2022-01-01", record=stored),
        service_row(person, "2024-06-30", "2024-12-31"),
    )

    response = client.post(url(Person, "change", person.pk), person_data(person, *rows))

    assert response.status_code == 200
    assert "core service records may not overlap" in response.text
    assert list(ServiceRecord.objects.values_list("start", "end")) == [
        (datetime.date(2022, 1, 1), None)
    ]


def test_a_transfer_ending_one_row_and_starting_the_next_is_saved(client):
    stored = ServiceRecordFactory(start=datetime.date(2022, 1, 1), end=None)
    person = stored.person
    rows = (
        service_row(person, "2022-01-01", "2024-06-30", record=stored),
        service_row(person, "2024-07-01"),
    )

    response = client.post(url(Person, "change", person.pk), person_data(person, *rows))

    assert response.status_code == 302
    assert list(ServiceRecord.objects.order_by("start").values_list("start", "end")) == [
        (datetime.date(2022, 1, 1), datetime.date(2024, 6, 30)),
        (datetime.date(2024, 7, 1), None),
    ]


def test_moving_the_boundary_between_two_stored_rows_later_is_saved(client):
    first = ServiceRecordFactory(start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31))
    person = first.person
    second = ServiceRecordFactory(person=person, start=datetime.date(2023, 1, 1))
    rows = (
        service_row(person, "2022-01-01", "2023-06-30", record=first),
        service_row(person, "2023-07-01", record=second),
    )

    response = client.post(url(Person, "change", person.pk), person_data(person, *rows))

    assert response.status_code == 302
    assert list(ServiceRecord.objects.order_by("start").values_list("end", "is_core")) == [
        (datetime.date(2023, 6, 30), True),
        (None, True),
    ]


def test_service_record_overlapping_a_stored_one_is_refused_on_its_own_page(client):
    stored = ServiceRecordFactory(start=datetime.date(2022, 1, 1), end=None)
    row = service_row(stored.person, "2023-01-01")
    row.pop("id")

    response = client.post(url(ServiceRecord, "add"), row)

    assert response.status_code == 200
    assert "This person already serves in the core force" in response.text
    assert ServiceRecord.objects.count() == 1


def test_service_record_ending_before_it_starts_is_refused(client):
    person = PersonFactory()
    row = service_row(person, "2023-01-01", "2022-12-31")
    row.pop("id")

    response = client.post(url(ServiceRecord, "add"), row)

    assert response.status_code == 200
    assert "The end date is before the start date." in response.text
    assert ServiceRecord.objects.count() == 0


def test_person_with_an_invalid_national_id_is_refused(client):
    # Born in 1995: the 4th digit must be 0 for a man; 2 means a man born in the 2000s.
    person = PersonFactory.build(residence_commune=CommuneFactory(), national_id="020295000001")

    response = client.post(url(Person, "add"), person_data(person))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["national_id"]
    assert "4th digit is 2" in errors[0]
    assert Person.objects.count() == 0


def test_directive_with_a_target_whose_bounds_do_not_fit_writes_nothing(client):
    province = ProvinceFactory()
    data = {
        "number": "14-CT/TU",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "issued_on": "2013-01-15",
        "title": "Về tăng cường phát triển đảng viên",
        "effective_from": "2013-01-15",
        "province": str(province.pk),
        **management("targets", total=1),
        "targets-0-indicator": "party_share_militia",
        "targets-0-bound": "at_least",
        "targets-0-lower": "12.5",
        "targets-0-upper": "15",
        "targets-0-deadline_year": "2015",
    }

    response = client.post(url(Directive, "add"), data)

    assert response.status_code == 200
    assert "The bounds do not fit the kind" in response.text
    assert (Directive.objects.count(), Target.objects.count()) == (0, 0)
