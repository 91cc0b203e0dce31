"""Admission cases and steps in the Django admin: shown, never written (one write path).

A step saved by the admin would skip the rules of `admission_checks` and the effects of
`admission_step_record`; the case pages are the one place a step is recorded.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from members.models import AdmissionCase, AdmissionStep, Outcome, Stage
from tests.conftest import client_for
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory, PersonFactory

STEP_ADD = reverse("admin:members_admissionstep_add")
STEP_LIST = reverse("admin:members_admissionstep_changelist")


def step_url(view: str, step: AdmissionStep) -> str:
    return reverse(f"admin:members_admissionstep_{view}", args=[step.pk])


def case_url(view: str, case: AdmissionCase) -> str:
    return reverse(f"admin:members_admissioncase_{view}", args=[case.pk])


@pytest.fixture
def staff_cadre(commune_cadre: User) -> User:
    commune_cadre.is_staff = True
    commune_cadre.save(update_fields=["is_staff"])
    return commune_cadre


@pytest.fixture
def home_step(home_commune) -> AdmissionStep:
    """Step 0 of a case of the cadre's commune."""
    case = AdmissionCaseFactory(person=PersonFactory(residence_commune=home_commune))
    return AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=datetime.date(2024, 1, 15))


@pytest.fixture
def other_step(other_commune) -> AdmissionStep:
    case = AdmissionCaseFactory(person=PersonFactory(residence_commune=other_commune))
    return AdmissionStepFactory(case=case, stage=Stage.SOURCED)


def early_decision(case: AdmissionCase) -> dict[str, str]:
    """The defect as reported: a decision dated before step 0, skipping every step between."""
    return {
        "case": str(case.pk),
        "stage": Stage.DECISION,
        "done_on": "2024-01-01",
        "document_number": "12-QĐ/ĐU",
    }


def steps_management(total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        "steps-TOTAL_FORMS": str(total),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }


def inline_decision(case: AdmissionCase, step: AdmissionStep) -> dict[str, str]:
    """POST data for the case change page: the case as stored, plus a new decision step row."""
    data = {
        "person": str(case.person_id),
        "commune": str(case.commune_id),
        **steps_management(total=2, initial=1),
        "steps-0-id": str(step.pk),
        "steps-0-case": str(case.pk),
        "steps-0-stage": step.stage,
        "steps-0-done_on": step.done_on.isoformat(),
        "steps-1-case": str(case.pk),
    }
    return data | {f"steps-1-{name}": value for name, value in early_decision(case).items()}


@pytest.fixture(params=["staff_cadre", "national_admin"])
def writer(request) -> Client:
    """A commune cadre with admin access, then the national administrator (a superuser)."""
    return client_for(request.getfixturevalue(request.param))


def test_adding_a_step_through_the_admin_is_refused(writer, home_step):
    response = writer.post(STEP_ADD, early_decision(home_step.case))

    assert response.status_code == 403
    assert list(AdmissionStep.objects.all()) == [home_step]


def test_changing_a_step_through_the_admin_is_refused(writer, home_step):
    data = early_decision(home_step.case) | {"stage": Stage.SOURCED}

    response = writer.post(step_url("change", home_step), data)

    assert response.status_code == 403
    home_step.refresh_from_db()
    assert home_step.done_on == datetime.date(2024, 1, 15)


def test_deleting_a_step_through_the_admin_is_refused(writer, home_step):
    response = writer.post(step_url("delete", home_step), {"post": "yes"})

    assert response.status_code == 403
    assert AdmissionStep.objects.filter(pk=home_step.pk).exists()


def test_adding_a_step_through_the_case_page_inline_is_refused(writer, home_step):
    response = writer.post(
        case_url("change", home_step.case), inline_decision(home_step.case, home_step)
    )

    assert response.status_code == 403
    assert list(AdmissionStep.objects.all()) == [home_step]


def test_opening_a_case_through_the_admin_is_refused(writer, home_commune):
    person = PersonFactory(residence_commune=home_commune)
    data = {"person": str(person.pk), "commune": str(home_commune.pk), **steps_management()}

    response = writer.post(reverse("admin:members_admissioncase_add"), data)

    assert response.status_code == 403
    assert not AdmissionCase.objects.filter(person=person).exists()


def test_closing_a_case_through_the_admin_is_refused(writer, home_step):
    case = home_step.case
    data = {"person": str(case.person_id), "commune": str(case.commune_id)}
    data |= {"outcome": Outcome.STOPPED, "outcome_on": "2024-02-01", "outcome_reason": "Chuyển đi"}
    data |= steps_management(total=1, initial=1)
    data |= {"steps-0-id": str(home_step.pk), "steps-0-case": str(case.pk)}
    data |= {"steps-0-stage": home_step.stage, "steps-0-done_on": "2024-01-15"}

    response = writer.post(case_url("change", case), data)

    assert response.status_code == 403
    case.refresh_from_db()
    assert (case.outcome, case.outcome_on) == ("", None)


def test_deleting_a_case_through_the_admin_is_refused(writer, home_step):
    response = writer.post(case_url("delete", home_step.case), {"post": "yes"})

    assert response.status_code == 403
    assert AdmissionCase.objects.filter(pk=home_step.case_id).exists()


def test_step_list_shows_the_cadres_commune_only(staff_cadre, home_step, other_step):
    response = client_for(staff_cadre).get(STEP_LIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [home_step]


def test_step_list_offers_no_add_button(staff_cadre, home_step):
    response = client_for(staff_cadre).get(STEP_LIST)

    assert response.context["has_add_permission"] is False


def test_step_view_page_answers_for_a_step_of_the_cadres_commune(staff_cadre, home_step):
    response = client_for(staff_cadre).get(step_url("change", home_step))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def test_step_of_another_commune_answers_like_a_missing_one(staff_cadre, other_step):
    client = client_for(staff_cadre)
    missing = reverse("admin:members_admissionstep_change", args=[other_step.pk + 1000])

    forbidden = client.get(step_url("change", other_step))
    absent = client.get(missing)

    assert (forbidden.status_code, forbidden.url) == (absent.status_code, absent.url)


def test_case_view_page_links_to_the_case_page(admin_client, home_step):
    response = admin_client.get(case_url("change", home_step.case))

    assert reverse("members:case_detail", args=[home_step.case_id]) in response.text


def test_case_view_page_shows_its_steps_read_only(admin_client, home_step):
    response = admin_client.get(case_url("change", home_step.case))

    (steps,) = response.context["inline_admin_formsets"]
    assert (steps.has_add_permission, steps.has_change_permission) == (False, False)
