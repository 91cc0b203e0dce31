"""The admin of directives and targets, as provincial staff and national admins use it.

A row outside the officer's province, or of the nation, answers as a missing one on every page
(Django's admin sends a missing object back to the index), and the database keeps it as it was.
"""

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from targets.models import Directive, Target
from tests.conftest import client_for
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db

MISSING = 999_999
INDEX = reverse("admin:index")


def url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def pk_or_blank(obj: Model | None) -> str:
    return str(obj.pk) if obj else ""


def directive_data(directive: Directive, *targets: dict[str, str]) -> dict[str, str]:
    """POST data for a directive page: the directive's fields and `targets` as new inline rows."""
    data = {
        "number": directive.number,
        "issuer": directive.issuer,
        "issued_on": directive.issued_on.isoformat(),
        "title": directive.title,
        "kind": directive.kind,
        "effective_from": directive.effective_from.isoformat(),
        "effective_to": "",
        "supersedes": pk_or_blank(directive.supersedes),
        "source": directive.source,
        "province": pk_or_blank(directive.province),
        "district": pk_or_blank(directive.district),
        "commune": pk_or_blank(directive.commune),
        **management("targets", total=len(targets)),
    }
    for index, row in enumerate(targets):
        data |= {f"targets-{index}-{name}": value for name, value in row.items()}
    return data


def target_row(**area: Model) -> dict[str, str]:
    """An inline target row: at least 12.5 % of militia by 2026, for `area` (or the directive's)."""
    return {
        "indicator": "party_share_militia",
        "bound": "at_least",
        "lower": "12.5",
        "deadline_year": "2026",
        **{name: str(value.pk) for name, value in area.items()},
    }


def target_data(directive: Directive, **area: Model) -> dict[str, str]:
    return {"directive": str(directive.pk), **target_row(**area)}


@pytest.fixture
def officer(province_officer) -> Client:
    province_officer.is_staff = True
    province_officer.save()
    client = client_for(province_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def admin(admin_client) -> Client:
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def answers_like_missing(response) -> bool:
    """Tell whether the admin answered as it does for an object that does not exist."""
    return response.status_code == 302 and response.url == INDEX


OUTSIDE = pytest.mark.parametrize("reach", ["theirs", "national"])


# Directives: what the officer cannot reach


def test_missing_directive_answers_with_the_index(officer):
    assert answers_like_missing(officer.get(url(Directive, "change", MISSING)))


def test_officer_directive_list_shows_only_their_province(officer, mine, theirs, national):
    response = officer.get(url(Directive, "changelist"))

    assert list(response.context["cl"].result_list) == [mine]


@OUTSIDE
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_officer_directive_page_outside_their_province_answers_like_missing(
    officer, request, reach, view
):
    directive = request.getfixturevalue(reach)

    assert answers_like_missing(officer.get(url(Directive, view, directive.pk)))


@OUTSIDE
def test_officer_cannot_change_a_directive_outside_their_province(officer, request, reach):
    directive = request.getfixturevalue(reach)
    data = directive_data(directive) | {"title": "Bị sửa"}

    response = officer.post(url(Directive, "change", directive.pk), data)

    assert answers_like_missing(response)
    assert Directive.objects.get(pk=directive.pk).title == directive.title


@OUTSIDE
def test_officer_cannot_delete_a_directive_outside_their_province(officer, request, reach):
    directive = request.getfixturevalue(reach)

    response = officer.post(url(Directive, "delete", directive.pk), {"post": "yes"})

    assert answers_like_missing(response)
    assert Directive.objects.filter(pk=directive.pk).exists()


@OUTSIDE
def test_officer_bulk_delete_skips_directives_outside_their_province(officer, request, reach):
    directive = request.getfixturevalue(reach)
    data = {"action": "delete_selected", "_selected_action": [directive.pk], "post": "yes"}

    officer.post(url(Directive, "changelist"), data)

    assert Directive.objects.filter(pk=directive.pk).exists()


def test_officer_cannot_add_a_directive_of_another_province(officer, theirs):
    directive = DirectiveFactory.build(province=theirs.province)

    response = officer.post(url(Directive, "add"), directive_data(directive))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("province")
    assert Directive.objects.count() == 1


def test_officer_cannot_add_a_nation_wide_directive(officer):
    directive = DirectiveFactory.build(province=None)

    response = officer.post(url(Directive, "add"), directive_data(directive))

    assert response.context["adminform"].form.errors["province"] == [
        "Only a national administrator can set a directive for the whole nation."
    ]
    assert not Directive.objects.exists()


def test_officer_cannot_move_their_directive_to_another_province(officer, mine, theirs):
    data = directive_data(mine) | {"province": str(theirs.province_id)}

    response = officer.post(url(Directive, "change", mine.pk), data)

    assert response.context["adminform"].form.has_error("province")
    assert Directive.objects.get(pk=mine.pk).province_id == mine.province_id


def test_officer_cannot_make_their_directive_supersede_a_national_one(officer, mine, national):
    data = directive_data(mine) | {"supersedes": str(national.pk)}

    response = officer.post(url(Directive, "change", mine.pk), data)

    assert response.context["adminform"].form.has_error("supersedes")
    assert Directive.objects.get(pk=mine.pk).supersedes is None


def test_officer_cannot_add_an_inline_target_for_another_province(officer, mine, other_commune):
    data = directive_data(mine, target_row(commune=other_commune))

    response = officer.post(url(Directive, "change", mine.pk), data)

    assert response.status_code == 200
    assert not Target.objects.exists()


def test_refused_inline_target_leaves_the_directive_unchanged(officer, mine, home_commune):
    outside = CommuneFactory(province=home_commune.province)
    mine.commune, mine.province = home_commune, None
    mine.save()
    data = directive_data(mine, target_row(commune=outside)) | {"title": "Sửa cùng chỉ tiêu"}

    response = officer.post(url(Directive, "change", mine.pk), data)

    assert "must lie inside its directive" in response.text
    assert (Directive.objects.get(pk=mine.pk).title, Target.objects.count()) == (mine.title, 0)


# Directives: what the officer can do in their province


def test_officer_adds_a_directive_of_their_province_with_a_target(officer, home_commune):
    directive = DirectiveFactory.build(province=home_commune.province)
    data = directive_data(directive, target_row(commune=home_commune))

    response = officer.post(url(Directive, "add"), data)

    assert response.status_code == 302
    assert Target.objects.get().directive.province == home_commune.province


def test_officer_changes_their_directive(officer, mine):
    response = officer.post(
        url(Directive, "change", mine.pk), directive_data(mine) | {"title": "Tiêu đề mới"}
    )

    assert response.status_code == 302
    assert Directive.objects.get(pk=mine.pk).title == "Tiêu đề mới"


def test_officer_changes_and_deletes_inline_targets_of_their_directive(officer, mine):
    kept, dropped = TargetFactory(directive=mine, lower=10), TargetFactory(directive=mine)
    data = directive_data(mine) | management("targets", total=2, initial=2)
    for index, (target, row) in enumerate(
        [(kept, target_row() | {"lower": "15"}), (dropped, target_row() | {"DELETE": "on"})]
    ):
        row |= {"id": str(target.pk), "directive": str(mine.pk)}
        data |= {f"targets-{index}-{name}": value for name, value in row.items()}

    response = officer.post(url(Directive, "change", mine.pk), data)

    assert response.status_code == 302
    assert list(Target.objects.values_list("pk", "lower")) == [(kept.pk, 15)]


def test_officer_opens_the_delete_page_of_their_directive(officer, mine):
    assert officer.get(url(Directive, "delete", mine.pk)).status_code == 200


def test_officer_deletes_their_directive(officer, mine):
    response = officer.post(url(Directive, "delete", mine.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Directive.objects.exists()


def test_officer_bulk_deletes_their_directives_only(officer, mine, theirs):
    data = {"action": "delete_selected", "_selected_action": [mine.pk, theirs.pk], "post": "yes"}

    officer.post(url(Directive, "changelist"), data)

    assert list(Directive.objects.all()) == [theirs]


def test_directive_change_is_recorded_with_the_officer(officer, mine, province_officer):
    officer.post(url(Directive, "change", mine.pk), directive_data(mine) | {"title": "Mới"})

    assert mine.history.latest().history_user == province_officer


# Directives: the national admin reaches every area


@OUTSIDE
def test_national_admin_changes_any_directive(admin, request, reach):
    directive = request.getfixturevalue(reach)
    data = directive_data(directive) | {"title": "Sửa bởi trung ương"}

    response = admin.post(url(Directive, "change", directive.pk), data)

    assert response.status_code == 302
    assert Directive.objects.get(pk=directive.pk).title == "Sửa bởi trung ương"


def test_national_admin_adds_a_nation_wide_directive(admin):
    directive = DirectiveFactory.build(province=None)

    response = admin.post(url(Directive, "add"), directive_data(directive))

    assert response.status_code == 302
    assert Directive.objects.get().area is None


@OUTSIDE
def test_national_admin_deletes_any_directive(admin, request, reach):
    directive = request.getfixturevalue(reach)

    admin.post(url(Directive, "delete", directive.pk), {"post": "yes"})

    assert not Directive.objects.filter(pk=directive.pk).exists()


# Targets


@pytest.fixture
def national_target_for_mine(national, home_commune) -> Target:
    """A target the nation set for the officer's province: read by them, changed only above."""
    return TargetFactory(directive=national, province=home_commune.province)


TARGETS_OUTSIDE = pytest.mark.parametrize("reach", ["theirs", "national"])


@pytest.fixture
def outside_target(request, reach, home_commune) -> Target:
    directive = request.getfixturevalue(reach)
    area = {"province": home_commune.province} if reach == "national" else {}
    return TargetFactory(directive=directive, **area)


def test_officer_target_list_shows_only_targets_of_their_directives(
    officer, mine, theirs, national_target_for_mine
):
    own = TargetFactory(directive=mine)
    TargetFactory(directive=theirs)

    response = officer.get(url(Target, "changelist"))

    assert list(response.context["cl"].result_list) == [own]


@TARGETS_OUTSIDE
@pytest.mark.parametrize("view", ["change", "delete"])
def test_officer_target_page_outside_their_province_answers_like_missing(
    officer, outside_target, view
):
    assert answers_like_missing(officer.get(url(Target, view, outside_target.pk)))


@TARGETS_OUTSIDE
def test_officer_cannot_change_a_target_outside_their_province(officer, outside_target, mine):
    data = target_data(mine) | {"lower": "1"}

    response = officer.post(url(Target, "change", outside_target.pk), data)

    assert answers_like_missing(response)
    stored = Target.objects.get(pk=outside_target.pk)
    assert (stored.directive_id, stored.lower) == (outside_target.directive_id, 12.5)


@TARGETS_OUTSIDE
def test_officer_cannot_delete_a_target_outside_their_province(officer, outside_target):
    response = officer.post(url(Target, "delete", outside_target.pk), {"post": "yes"})

    assert answers_like_missing(response)
    assert Target.objects.filter(pk=outside_target.pk).exists()


@TARGETS_OUTSIDE
def test_officer_bulk_delete_skips_targets_outside_their_province(officer, outside_target):
    data = {"action": "delete_selected", "_selected_action": [outside_target.pk], "post": "yes"}

    officer.post(url(Target, "changelist"), data)

    assert Target.objects.filter(pk=outside_target.pk).exists()


@OUTSIDE
def test_officer_cannot_add_a_target_to_a_directive_outside_their_province(officer, request, reach):
    directive = request.getfixturevalue(reach)

    response = officer.post(url(Target, "add"), target_data(directive))

    assert response.context["adminform"].form.has_error("directive")
    assert not Target.objects.exists()


def test_officer_cannot_add_a_target_for_a_commune_of_another_province(
    officer, mine, other_commune
):
    response = officer.post(url(Target, "add"), target_data(mine, commune=other_commune))

    assert response.context["adminform"].form.has_error("commune")
    assert not Target.objects.exists()


def test_officer_adds_a_target_to_their_directive(officer, mine, home_commune):
    response = officer.post(url(Target, "add"), target_data(mine, commune=home_commune))

    assert response.status_code == 302
    assert Target.objects.get().commune == home_commune


def test_officer_changes_a_target_of_their_directive(officer, mine):
    target = TargetFactory(directive=mine)

    response = officer.post(url(Target, "change", target.pk), target_data(mine) | {"lower": "20"})

    assert response.status_code == 302
    assert Target.objects.get().lower == 20


def test_officer_deletes_a_target_of_their_directive(officer, mine):
    target = TargetFactory(directive=mine)

    officer.post(url(Target, "delete", target.pk), {"post": "yes"})

    assert not Target.objects.exists()


def test_national_admin_changes_a_target_of_another_province(admin, theirs):
    target = TargetFactory(directive=theirs)

    response = admin.post(url(Target, "change", target.pk), target_data(theirs) | {"lower": "20"})

    assert response.status_code == 302
    assert Target.objects.get().lower == 20


def test_national_admin_bulk_deletes_targets_anywhere(admin, theirs, national):
    targets = [TargetFactory(directive=theirs), TargetFactory(directive=national)]
    data = {"action": "delete_selected", "_selected_action": [t.pk for t in targets], "post": "yes"}

    admin.post(url(Target, "changelist"), data)

    assert not Target.objects.exists()
