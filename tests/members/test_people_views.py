"""The people pages through their URLs: what they show and what a form submission does."""

import datetime

import pytest
from django.urls import reverse

from members.models import Person, PersonReadLog, ServiceRecord
from tests.conftest import client_for
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def person_data(commune, **extra) -> dict[str, str]:
    data = {
        "full_name": "Nguyễn Văn Bình",
        "birth_date": "17/05/1995",
        "sex": "male",
        "ethnicity": "Kinh",
        "military_training": "none",
        "residence_commune": str(commune.pk),
        **management("services"),
        **management("posts"),
        **management("party_records"),
    }
    return {**data, **extra}


def service_row(index: int, commune, start: str, end: str = "") -> dict[str, str]:
    prefix = f"services-{index}-"
    values = {"force": "militia", "category": "mobile", "is_core": "on", "commune": commune.pk}
    row = {**values, "start": start, "end": end}
    return {prefix + key: str(value) for key, value in row.items()}


def test_list_shows_dates_day_first(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune)
    response = client_for(commune_cadre).get(reverse("members:person_list"))
    assert "17/05/1995" in response.content.decode()


def test_detail_writes_read_log(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    client_for(commune_cadre).get(reverse("members:person_detail", args=[person.pk]))
    assert PersonReadLog.objects.filter(person=person, reader=commune_cadre).count() == 1


def test_detail_names_each_change_in_vietnamese(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    person.ethnicity = "Tày"
    person.save()
    response = client_for(commune_cadre).get(reverse("members:person_detail", args=[person.pk]))
    actions = [change.history_type for change in response.context["records"].history]
    body = response.content.decode()
    assert (sorted(actions), "tạo mới" in body, "sửa đổi" in body) == (["+", "~"], True, True)


def test_create_with_service_record(commune_cadre):
    data = person_data(commune_cadre.commune, **management("services", total=1))
    data.update(service_row(0, commune_cadre.commune, "01/02/2024"))
    response = client_for(commune_cadre).post(reverse("members:person_create"), data)
    assert response.status_code == 302
    assert ServiceRecord.objects.get().start == datetime.date(2024, 2, 1)


def test_overlapping_rows_get_a_message_not_an_error(commune_cadre):
    data = person_data(commune_cadre.commune, **management("services", total=2))
    data.update(service_row(0, commune_cadre.commune, "01/01/2024"))
    data.update(service_row(1, commune_cadre.commune, "01/06/2024"))
    response = client_for(commune_cadre).post(reverse("members:person_create"), data)
    assert response.status_code == 200 and not Person.objects.exists()
    assert response.context["formsets"]["services"].forms[1].has_error("__all__", "overlap")


def test_namesake_asks_for_confirmation(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Nguyễn Văn Bình")
    response = client_for(commune_cadre).post(
        reverse("members:person_create"), person_data(commune_cadre.commune)
    )
    assert 'id="id_confirm_duplicate"' in response.content.decode()


def test_namesake_saved_when_confirmed(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Nguyễn Văn Bình")
    data = person_data(commune_cadre.commune, confirm_duplicate="on")
    client_for(commune_cadre).post(reverse("members:person_create"), data)
    assert Person.objects.count() == 2


def test_duplicate_national_id_shown_on_field(commune_cadre):
    other = PersonFactory(residence_commune=commune_cadre.commune)
    data = person_data(commune_cadre.commune, national_id=other.national_id)
    data["birth_date"] = other.birth_date.strftime("%d/%m/%Y")
    response = client_for(commune_cadre).post(reverse("members:person_create"), data)
    assert "national_id" in response.context["form"].errors


def test_transfer_form_moves_the_record(commune_cadre):
    record = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    to = CommuneFactory(province=commune_cadre.commune.province)
    url = reverse("members:service_transfer", args=[record.pk])
    client_for(commune_cadre).post(url, {"to_commune": to.pk, "start": "01/09/2025"})
    record.refresh_from_db()
    assert record.end == datetime.date(2025, 8, 31)


def test_my_commune_lists_serving_people(commune_cadre):
    record = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    response = client_for(commune_cadre).get(reverse("members:my_commune"))
    assert record.person.full_name in response.content.decode()
