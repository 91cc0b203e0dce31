"""A commune military cadre's work in Chromium: people and admission cases of their commune."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from members.models import Person, ServiceRecord, Stage
from members.services import admission_case_open, admission_step_record
from tests.browser.conftest import sign_in
from tests.members.factories import CandidateFactory
from tests.units.factories import CommuneFactory
from units.models import Force

pytestmark = [
    pytest.mark.browser,
    # The live server reads what the test commits; the rows the migrations made (role groups,
    # admission rule sets) are restored after every flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-cán-bộ-2026"
COMMUNE_CODE = "06124"
COMMUNE_CHOICE = f"Xã Tân Thành ({COMMUNE_CODE})"
D = datetime.date
# Steps before the cell vote that meet every rule of the 2021 rule set on a 2024-03-18 vote.
STEPS_BEFORE_CELL_VOTE = {
    Stage.AWARENESS_COURSE: D(2023, 10, 2),
    Stage.APPLICATION: D(2023, 11, 6),
    Stage.VERIFICATION: D(2023, 12, 4),
    Stage.INTRODUCTION: D(2024, 1, 8),
}


@pytest.fixture
def cadre() -> User:
    """A commune cadre of Xã Tân Thành; the role's group gives the permissions."""
    commune = CommuneFactory(name="Xã Tân Thành", code=COMMUNE_CODE)
    return User.objects.create_user(
        username="canbo.tanthanh",
        password=PASSWORD,
        first_name="Hoàng",
        last_name="Văn Đức",
        role=Role.COMMUNE_CADRE,
        commune=commune,
    )


def open_menu(page: Page, label: str) -> None:
    with page.expect_navigation():
        page.locator("nav.main-nav").get_by_role("link", name=label).click()


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.locator(button).click()


def test_commune_cadre_adds_a_militia_member_through_the_person_form(page: Page, cadre: User):
    sign_in(page, username=cadre.username, password=PASSWORD)
    open_menu(page, "Cá nhân")
    submit(page, "#person-create")

    person = page.locator("#person-fields")
    person.get_by_label("Họ và tên").fill("Lương Văn Thắng")
    person.get_by_label("Ngày sinh").fill("17/05/1998")
    person.get_by_label("Giới tính").select_option(label="Nam")
    person.get_by_label("Xã nơi cư trú").select_option(label=COMMUNE_CHOICE)
    service = page.locator("#services-0")
    service.locator("#id_services-0-force").select_option(label="Dân quân")
    service.locator("#id_services-0-category").select_option(label="Cơ động")
    service.locator("#id_services-0-commune").select_option(label=COMMUNE_CHOICE)
    service.locator("#id_services-0-start").fill("01/03/2024")
    submit(page, "#person-save")

    expect(page).to_have_url(re.compile(r"/members/people/\d+/$"))
    expect(page.locator(".messages li.success")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Lương Văn Thắng")
    saved = Person.objects.get(full_name="Lương Văn Thắng")
    assert saved.birth_date == D(1998, 5, 17)
    record = ServiceRecord.objects.get(person=saved)
    assert (record.force, record.commune_id, record.start) == (
        Force.MILITIA,
        cadre.commune_id,
        D(2024, 3, 1),
    )


def test_commune_cadre_opens_an_admission_case_and_records_the_next_step(page: Page, cadre: User):
    CandidateFactory(
        full_name="Đinh Thị Mai", birth_date=D(1999, 2, 3), residence_commune=cadre.commune
    )
    sign_in(page, username=cadre.username, password=PASSWORD)
    open_menu(page, "Kết nạp đảng viên")
    submit(page, "#open-case-link")
    form = page.locator("#open-case-form")
    form.locator("#id_person").select_option(label="Đinh Thị Mai (03/02/1999)")
    form.locator("#id_opened_on").fill("04/09/2023")
    submit(page, "#open-case-submit")

    expect(page).to_have_url(re.compile(r"/members/admissions/\d+/$"))
    expect(page.locator("#step-sourced")).to_contain_text("04/09/2023")
    page.locator("#record-step-form #id_done_on").fill("02/10/2023")
    submit(page, "#record-step-submit")

    expect(page.locator(".messages li.success")).to_have_count(1)
    expect(page.locator("#step-awareness_course")).to_contain_text("02/10/2023")
    expect(page.locator("#step-awareness_course")).to_contain_text("Hoàng Văn Đức")


@pytest.fixture
def case_before_cell_vote(cadre: User):
    """A case whose steps up to the introducers are recorded and meet every rule."""
    candidate = CandidateFactory(full_name="Vi Văn Tùng", residence_commune=cadre.commune)
    case = admission_case_open(
        person=candidate, commune=cadre.commune, actor=cadre, opened_on=D(2023, 9, 4)
    )
    for stage, done_on in STEPS_BEFORE_CELL_VOTE.items():
        admission_step_record(case=case, stage=stage, done_on=done_on, actor=cadre)
    return case


def test_cell_vote_below_two_thirds_is_refused_and_the_corrected_count_is_accepted(
    page: Page, cadre: User, case_before_cell_vote
):
    sign_in(page, username=cadre.username, password=PASSWORD)
    page.goto(f"/members/admissions/{case_before_cell_vote.pk}/")
    form = page.locator("#record-step-form")
    form.locator("#id_done_on").fill("18/03/2024")
    form.locator("#id_eligible_voters").fill("9")
    form.locator("#id_votes_for").fill("5")
    form.locator("#id_votes_against").fill("4")
    submit(page, "#record-step-submit")

    expect(page.locator("#step-errors")).not_to_be_empty()
    refusal = form.locator("li[data-code=cell_vote_share]")
    expect(refusal).to_contain_text(re.compile(r"\b5\b.*\b9\b"))
    expect(refusal).to_contain_text("2/3")
    expect(page.locator("#step-cell_vote")).to_have_count(0)

    # The refused form keeps what was typed: the cadre corrects the count and sends it again.
    form.locator("#id_votes_for").fill("6")
    form.locator("#id_votes_against").fill("3")
    submit(page, "#record-step-submit")

    expect(page.locator(".messages li.success")).to_have_count(1)
    expect(page.locator("#step-cell_vote")).to_contain_text("6 / 3 / 9")
