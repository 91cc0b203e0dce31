"""Writes of directives and targets: only inside the actor's area, as stored and as edited."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role, User
from targets.models import Directive, Target
from targets.services import (
    directive_create,
    directive_delete,
    directive_supersede,
    directive_update,
    target_create,
    target_delete,
    target_update,
)
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import (
    CommuneFactory,
    DistrictFactory,
    ProvinceFactory,
    ProvinceLineageFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 1, 15)


def refused(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    """Return the codes of a refusal by field."""
    return {
        field: [error.code for error in errors]
        for field, errors in excinfo.value.error_dict.items()
    }


def new_directive(**area) -> Directive:
    return DirectiveFactory.build(**{"province": None, **area})


def new_target(directive: Directive, **area) -> Target:
    return TargetFactory.build(directive=directive, **area)


# Directives: create


def test_province_officer_creates_a_directive_of_their_province(province_officer, home_commune):
    directive = directive_create(
        actor=province_officer, directive=new_directive(province=home_commune.province)
    )

    assert Directive.objects.get().pk == directive.pk


def test_province_officer_creates_a_directive_of_a_commune_of_their_province(
    province_officer, home_commune
):
    directive_create(actor=province_officer, directive=new_directive(commune=home_commune))

    assert Directive.objects.get().commune == home_commune


def test_province_officer_cannot_create_a_directive_of_another_province(
    province_officer, other_commune
):
    with pytest.raises(ValidationError) as excinfo:
        directive_create(
            actor=province_officer, directive=new_directive(province=other_commune.province)
        )

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert not Directive.objects.exists()


def test_province_officer_cannot_create_a_directive_of_a_commune_of_another_province(
    province_officer, other_commune
):
    with pytest.raises(ValidationError) as excinfo:
        directive_create(actor=province_officer, directive=new_directive(commune=other_commune))

    assert refused(excinfo) == {"commune": ["out_of_area"]}


def test_province_officer_cannot_create_a_directive_of_a_district_of_another_province(
    province_officer,
):
    directive = new_directive(district=DistrictFactory())

    with pytest.raises(ValidationError) as excinfo:
        directive_create(actor=province_officer, directive=directive)

    assert refused(excinfo) == {"district": ["out_of_area"]}


def test_province_officer_cannot_create_a_nation_wide_directive(province_officer):
    with pytest.raises(ValidationError) as excinfo:
        directive_create(actor=province_officer, directive=new_directive())

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert not Directive.objects.exists()


def test_national_admin_creates_a_nation_wide_directive(national_admin):
    directive_create(actor=national_admin, directive=new_directive())

    assert Directive.objects.get().area is None


def test_province_officer_creates_a_directive_of_a_legacy_predecessor_province(home_commune):
    lineage = ProvinceLineageFactory(successor=home_commune.province)
    officer = User.objects.create_user(
        username="successor", role=Role.PROVINCIAL_STAFF, province=home_commune.province
    )

    directive_create(actor=officer, directive=new_directive(province=lineage.predecessor))

    assert Directive.objects.get().province == lineage.predecessor


def test_commune_cadre_cannot_create_a_directive_of_their_province(commune_cadre, home_commune):
    with pytest.raises(ValidationError) as excinfo:
        directive_create(
            actor=commune_cadre, directive=new_directive(province=home_commune.province)
        )

    assert refused(excinfo) == {"province": ["out_of_area"]}


def test_directive_superseding_one_of_another_province_is_refused(province_officer, mine, theirs):
    directive = new_directive(province=mine.province, supersedes=theirs)

    with pytest.raises(ValidationError) as excinfo:
        directive_create(actor=province_officer, directive=directive)

    assert refused(excinfo) == {"supersedes": ["out_of_area"]}


def test_a_directive_cannot_supersede_itself(province_officer, mine):
    mine.supersedes = mine

    with pytest.raises(ValidationError) as excinfo:
        directive_update(actor=province_officer, directive=mine)

    assert refused(excinfo) == {"supersedes": ["supersedes_itself"]}


def test_directive_create_records_the_actor_in_its_history(province_officer, home_commune):
    directive = directive_create(
        actor=province_officer, directive=new_directive(province=home_commune.province)
    )

    assert directive.history.get().history_user == province_officer


# Directives: update and delete


def test_province_officer_updates_their_directive(province_officer, mine):
    mine.title = "Tiêu đề mới"

    directive_update(actor=province_officer, directive=mine)

    assert Directive.objects.get(pk=mine.pk).title == "Tiêu đề mới"


def test_province_officer_cannot_move_their_directive_to_another_province(
    province_officer, mine, theirs
):
    mine.province = theirs.province

    with pytest.raises(ValidationError) as excinfo:
        directive_update(actor=province_officer, directive=mine)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert Directive.objects.get(pk=mine.pk).province == province_officer.province


def test_province_officer_cannot_take_another_province_directive_into_theirs(
    province_officer, mine, theirs
):
    # The edited instance names the officer's province; the stored row is another province's.
    theirs.province = mine.province

    with pytest.raises(ValidationError) as excinfo:
        directive_update(actor=province_officer, directive=theirs)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert Directive.objects.get(pk=theirs.pk).province != mine.province


def test_province_officer_cannot_take_a_nation_wide_directive_into_their_province(
    province_officer, mine, national
):
    national.province = mine.province

    with pytest.raises(ValidationError) as excinfo:
        directive_update(actor=province_officer, directive=national)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert Directive.objects.get(pk=national.pk).province is None


def test_narrowing_a_directive_that_leaves_a_target_outside_it_is_refused(
    province_officer, mine, home_commune
):
    other_home = CommuneFactory(province=home_commune.province)
    TargetFactory(directive=mine, commune=other_home)
    mine.province, mine.commune = None, home_commune

    with pytest.raises(ValidationError) as excinfo:
        directive_update(actor=province_officer, directive=mine)

    assert refused(excinfo) == {"commune": ["target_outside_directive"]}
    assert Directive.objects.get(pk=mine.pk).commune is None


def test_national_admin_updates_another_province_directive(national_admin, theirs):
    theirs.title = "Sửa bởi trung ương"

    directive_update(actor=national_admin, directive=theirs)

    assert Directive.objects.get(pk=theirs.pk).title == "Sửa bởi trung ương"


def test_province_officer_deletes_their_directive_with_its_targets(province_officer, mine):
    TargetFactory(directive=mine)

    directive_delete(actor=province_officer, directive=mine)

    assert (Directive.objects.count(), Target.objects.count()) == (0, 0)


@pytest.mark.parametrize("reach", ["theirs", "national"])
def test_province_officer_cannot_delete_a_directive_outside_their_province(
    province_officer, request, reach
):
    directive = request.getfixturevalue(reach)

    with pytest.raises(ValidationError) as excinfo:
        directive_delete(actor=province_officer, directive=directive)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert Directive.objects.filter(pk=directive.pk).exists()


def test_province_officer_cannot_delete_another_province_directive_edited_into_theirs(
    province_officer, mine, theirs
):
    theirs.province = mine.province

    with pytest.raises(ValidationError):
        directive_delete(actor=province_officer, directive=theirs)

    assert Directive.objects.filter(pk=theirs.pk).exists()


# Directives: supersede


def test_superseding_ends_the_old_directive_the_day_before_the_new_one(province_officer, mine):
    new = new_directive(province=mine.province, effective_from=datetime.date(2025, 3, 1))

    directive_supersede(actor=province_officer, old=mine, new=new)

    mine.refresh_from_db()
    assert (mine.effective_to, new.supersedes) == (datetime.date(2025, 2, 28), mine)


def test_superseding_keeps_an_earlier_end_of_the_old_directive(province_officer, mine):
    mine.effective_to = datetime.date(2024, 12, 31)
    mine.save()
    new = new_directive(province=mine.province, effective_from=datetime.date(2025, 3, 1))

    directive_supersede(actor=province_officer, old=mine, new=new)

    mine.refresh_from_db()
    assert mine.effective_to == datetime.date(2024, 12, 31)


def test_superseding_with_a_directive_in_force_no_later_than_the_old_is_refused(
    province_officer, mine
):
    new = new_directive(province=mine.province, effective_from=mine.effective_from)

    with pytest.raises(ValidationError) as excinfo:
        directive_supersede(actor=province_officer, old=mine, new=new)

    assert refused(excinfo) == {"effective_from": ["supersedes_later"]}


def test_superseding_another_province_directive_is_refused(province_officer, mine, theirs):
    new = new_directive(province=mine.province, effective_from=datetime.date(2025, 3, 1))

    with pytest.raises(ValidationError) as excinfo:
        directive_supersede(actor=province_officer, old=theirs, new=new)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert (Directive.objects.get(pk=theirs.pk).effective_to, Directive.objects.count()) == (
        None,
        2,
    )


def test_a_refused_new_directive_leaves_the_old_one_in_force(province_officer, mine, theirs):
    new = new_directive(province=theirs.province, effective_from=datetime.date(2025, 3, 1))

    with pytest.raises(ValidationError):
        directive_supersede(actor=province_officer, old=mine, new=new)

    assert Directive.objects.get(pk=mine.pk).effective_to is None


# Targets


def test_province_officer_creates_a_target_of_their_directive(province_officer, mine):
    target_create(actor=province_officer, target=new_target(mine))

    assert Target.objects.get().directive == mine


def test_province_officer_creates_a_target_for_a_commune_of_their_directive(
    province_officer, mine, home_commune
):
    target_create(actor=province_officer, target=new_target(mine, commune=home_commune))

    assert Target.objects.get().commune == home_commune


@pytest.mark.parametrize("reach", ["theirs", "national"])
def test_province_officer_cannot_add_a_target_to_a_directive_outside_their_province(
    province_officer, home_commune, request, reach
):
    directive = request.getfixturevalue(reach)

    with pytest.raises(ValidationError) as excinfo:
        target_create(actor=province_officer, target=new_target(directive, commune=home_commune))

    assert refused(excinfo) == {"directive": ["out_of_area"]}
    assert not Target.objects.exists()


def test_target_for_a_commune_of_another_province_is_refused(province_officer, mine, other_commune):
    with pytest.raises(ValidationError) as excinfo:
        target_create(actor=province_officer, target=new_target(mine, commune=other_commune))

    assert refused(excinfo) == {"commune": ["out_of_area"]}


def test_target_outside_its_directive_area_is_refused(province_officer, home_commune):
    directive = DirectiveFactory(province=None, commune=home_commune)
    neighbour = CommuneFactory(province=home_commune.province)

    with pytest.raises(ValidationError) as excinfo:
        target_create(actor=province_officer, target=new_target(directive, commune=neighbour))

    assert refused(excinfo) == {"commune": ["target_outside_directive"]}


def test_target_for_a_district_of_another_province_inside_a_national_directive_is_allowed(
    national_admin, national
):
    district = DistrictFactory(province=ProvinceFactory())

    target_create(actor=national_admin, target=new_target(national, district=district))

    assert Target.objects.get().district == district


def test_province_officer_updates_a_target_of_their_directive(province_officer, mine):
    target = TargetFactory(directive=mine, deadline_year=2026)
    target.deadline_year = 2030

    target_update(actor=province_officer, target=target)

    assert Target.objects.get().deadline_year == 2030


def test_province_officer_cannot_move_another_province_target_to_their_directive(
    province_officer, mine, theirs
):
    target = TargetFactory(directive=theirs)
    target.directive = mine

    with pytest.raises(ValidationError) as excinfo:
        target_update(actor=province_officer, target=target)

    assert refused(excinfo) == {"directive": ["out_of_area"]}
    assert Target.objects.get().directive == theirs


def test_province_officer_cannot_change_a_national_target_set_for_their_province(
    province_officer, national, home_commune
):
    target = TargetFactory(directive=national, province=home_commune.province, lower=10)
    target.lower = 5

    with pytest.raises(ValidationError) as excinfo:
        target_update(actor=province_officer, target=target)

    assert refused(excinfo) == {"province": ["out_of_area"]}
    assert Target.objects.get().lower == 10


def test_province_officer_deletes_a_target_of_their_directive(province_officer, mine):
    target = TargetFactory(directive=mine)

    target_delete(actor=province_officer, target=target)

    assert not Target.objects.exists()


@pytest.mark.parametrize("reach", ["theirs", "national"])
def test_province_officer_cannot_delete_a_target_outside_their_province(
    province_officer, request, reach
):
    target = TargetFactory(directive=request.getfixturevalue(reach))

    with pytest.raises(ValidationError) as excinfo:
        target_delete(actor=province_officer, target=target)

    assert refused(excinfo) == {"directive": ["out_of_area"]}
    assert Target.objects.filter(pk=target.pk).exists()


def test_national_admin_deletes_a_target_anywhere(national_admin, theirs):
    target = TargetFactory(directive=theirs)

    target_delete(actor=national_admin, target=target)

    assert not Target.objects.exists()
