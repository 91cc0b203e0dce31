"""Reads of directives and targets: the ones that govern the actor's area, and edits inside it."""

import pytest
from django.http import Http404

from accounts.models import Role, User
from targets.models import Directive, Target
from targets.selectors import (
    directive_get,
    directive_list,
    directives_editable,
    target_list,
    targets_editable,
)
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import (
    CommuneFactory,
    CommuneLineageFactory,
    DistrictFactory,
    ProvinceLineageFactory,
)
from units.scope import AreaScope

pytestmark = pytest.mark.django_db


def pks(rows) -> set[int]:
    return {row.pk for row in rows}


# Querysets: which rows lie in a scope


def test_directive_within_a_province_scope_keeps_its_province_district_and_commune_rows(
    home_commune, mine, theirs, national
):
    district = DistrictFactory(province=home_commune.province)
    of_district = DirectiveFactory(province=None, district=district)
    of_commune = DirectiveFactory(province=None, commune=home_commune)
    scope = AreaScope(province_ids=frozenset({home_commune.province_id}))

    assert pks(Directive.objects.within(scope)) == {mine.pk, of_district.pk, of_commune.pk}


def test_nation_wide_directive_lies_only_in_the_everything_scope(national):
    assert list(Directive.objects.within(AreaScope(everything=True))) == [national]


def test_target_without_an_area_lies_where_its_directive_lies(home_commune, mine, theirs):
    own = TargetFactory(directive=mine)
    TargetFactory(directive=theirs)
    scope = AreaScope(province_ids=frozenset({home_commune.province_id}))

    assert pks(Target.objects.within(scope)) == {own.pk}


def test_target_with_an_area_lies_where_its_own_area_lies(home_commune, national):
    here = TargetFactory(directive=national, commune=home_commune)
    TargetFactory(directive=national, commune=CommuneFactory())
    TargetFactory(directive=national)
    scope = AreaScope(commune_ids=frozenset({home_commune.pk}))

    assert pks(Target.objects.within(scope)) == {here.pk}


# directive_list and directive_get


def test_province_officer_reads_their_province_and_nation_wide_directives(
    province_officer, mine, theirs, national
):
    assert pks(directive_list(actor=province_officer)) == {mine.pk, national.pk}


def test_commune_cadre_reads_the_directives_of_their_commune_district_province_and_nation(
    home_commune, national
):
    district = DistrictFactory(province=home_commune.province)
    commune = CommuneFactory(province=home_commune.province, district=district)
    cadre = User.objects.create_user(username="c", role=Role.COMMUNE_CADRE, commune=commune)
    governing = [
        DirectiveFactory(province=None, commune=commune),
        DirectiveFactory(province=None, district=district),
        DirectiveFactory(province=home_commune.province),
        national,
    ]
    DirectiveFactory(province=None, commune=home_commune)
    DirectiveFactory(province=None, district=DistrictFactory(province=home_commune.province))

    assert pks(directive_list(actor=cadre)) == pks(governing)


def test_commune_cadre_reads_the_directives_of_a_wholly_merged_predecessor_commune(
    commune_cadre, home_commune
):
    lineage = CommuneLineageFactory(successor=home_commune)
    predecessor = DirectiveFactory(province=None, commune=lineage.predecessor)
    of_its_province = DirectiveFactory(province=lineage.predecessor.province)

    assert pks(directive_list(actor=commune_cadre)) == {predecessor.pk, of_its_province.pk}


def test_user_without_an_area_reads_no_directive_not_even_a_nation_wide_one(national):
    nobody = User.objects.create_user(username="nobody")

    assert list(directive_list(actor=nobody)) == []


def test_national_admin_reads_every_directive(national_admin, mine, theirs, national):
    assert pks(directive_list(actor=national_admin)) == {mine.pk, theirs.pk, national.pk}


def test_directive_list_reads_in_one_query_whatever_the_rows(
    province_officer, home_commune, django_assert_num_queries
):
    DirectiveFactory.create_batch(5, province=home_commune.province)
    province_officer.area_scope  # noqa: B018 - built once per user, before counting

    with django_assert_num_queries(1):
        assert len([str(d.area) for d in directive_list(actor=province_officer)]) == 5


@pytest.mark.parametrize("reach", ["mine", "national"])
def test_directive_get_returns_a_directive_that_governs_the_officer(
    province_officer, request, reach
):
    directive = request.getfixturevalue(reach)

    assert directive_get(actor=province_officer, pk=directive.pk) == directive


def test_directive_get_answers_404_for_another_province_as_for_a_missing_one(
    province_officer, theirs
):
    for pk in (theirs.pk, 999_999):
        with pytest.raises(Http404):
            directive_get(actor=province_officer, pk=pk)


# directives_editable


def test_province_officer_edits_only_their_province_directives(
    province_officer, mine, theirs, national
):
    assert list(directives_editable(actor=province_officer)) == [mine]


def test_province_officer_edits_the_directives_of_a_legacy_predecessor_province(
    province_officer, home_commune
):
    lineage = ProvinceLineageFactory(successor=home_commune.province)
    legacy = DirectiveFactory(province=lineage.predecessor)

    assert list(directives_editable(actor=province_officer)) == [legacy]


def test_national_admin_edits_every_directive(national_admin, mine, theirs, national):
    assert pks(directives_editable(actor=national_admin)) == {mine.pk, theirs.pk, national.pk}


# target_list and targets_editable


def test_province_officer_reads_national_targets_for_the_nation_and_for_their_province(
    province_officer, home_commune, other_commune, national
):
    whole = TargetFactory(directive=national)
    for_them = TargetFactory(directive=national, province=home_commune.province)
    TargetFactory(directive=national, province=other_commune.province)

    assert pks(target_list(actor=province_officer)) == {whole.pk, for_them.pk}


def test_province_officer_reads_no_target_of_another_province(province_officer, theirs):
    TargetFactory(directive=theirs)

    assert list(target_list(actor=province_officer)) == []


def test_commune_cadre_reads_each_commune_targets_of_their_province(
    commune_cadre, home_commune, mine
):
    each = TargetFactory(directive=mine, each_commune=True)
    TargetFactory(directive=mine, commune=CommuneFactory(province=home_commune.province))

    assert list(target_list(actor=commune_cadre)) == [each]


def test_target_list_of_one_directive_keeps_only_its_targets(province_officer, mine, national):
    own = TargetFactory(directive=mine)
    TargetFactory(directive=national)

    assert list(target_list(actor=province_officer, directive=mine)) == [own]


def test_province_officer_edits_no_national_target_even_for_their_province(
    province_officer, home_commune, mine, national
):
    own = TargetFactory(directive=mine)
    TargetFactory(directive=national, province=home_commune.province)

    assert list(targets_editable(actor=province_officer)) == [own]
