"""The indicator catalogue: the codes of DOMAIN.md §6 and those issues added (cells that
completed their tasks, issue 12), with name, kind and unit.

How each one is computed lives in `reports` (one definition per code); this catalogue is what
targets point at and what every screen, export and API names.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    STOCK = "stock", _("stock (on a date)")
    FLOW = "flow", _("flow (over a period)")


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    RATIO = "ratio", _("ratio")


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    kind: str
    unit: str


class Indicator(models.TextChoices):
    PARTY_SHARE_DQTV = "party_share_dqtv", _("Share of party members in militia and self-defence")
    PARTY_SHARE_MILITIA = "party_share_militia", _("Share of party members in the militia")
    PARTY_SHARE_SELF_DEFENCE = (
        "party_share_self_defence",
        _("Share of party members in self-defence"),
    )
    PARTY_SHARE_RESERVE = "party_share_reserve", _("Share of party members in the reserve")
    PARTY_SHARE_RESERVE_OFFICERS = (
        "party_share_reserve_officers",
        _("Share of party members among reserve officers"),
    )
    DQTV_POPULATION_SHARE = (
        "dqtv_population_share",
        _("Militia and self-defence against population"),
    )
    ADMISSIONS_DQTV = "admissions_dqtv", _("New party members from militia and self-defence")
    ADMISSIONS_RESERVE = "admissions_reserve", _("New party members from the reserve")
    ADMISSIONS_PER_MILITARY_CELL = (
        "admissions_per_military_cell",
        _("Admissions per commune military party cell"),
    )
    COMMUNES_WITH_MILITARY_CELL = (
        "communes_with_military_cell",
        _("Communes with a military party cell"),
    )
    MILITARY_CELLS_WITH_COMMITTEE = (
        "military_cells_with_committee",
        _("Military party cells with a cell committee"),
    )
    COMMANDERS_IN_PARTY_COMMITTEE = (
        "commanders_in_party_committee",
        _("Commune commanders on the commune party committee"),
    )
    DEPUTY_COMMANDERS_PARTY_MEMBERS = (
        "deputy_commanders_party_members",
        _("Deputy commune commanders who are party members"),
    )
    COMMAND_CADRES_MILITARY_TRAINING = (
        "command_cadres_military_training",
        _("Command cadres with intermediate or higher military training"),
    )
    COMMAND_CADRES_HIGHER_EDUCATION = (
        "command_cadres_higher_education",
        _("Command cadres with college or university military training"),
    )
    MILITARY_CELLS_RATED_GOOD = (
        "military_cells_rated_good",
        _("Military party cells rated good or excellent"),
    )
    MILITARY_CELLS_COMPLETED_TASKS = (
        "military_cells_completed_tasks",
        _("Military party cells that completed their tasks"),
    )
    VILLAGES_WITHOUT_PARTY_MEMBERS = (
        "villages_without_party_members",
        _("Villages without a party member"),
    )


_STOCK, _FLOW = IndicatorKind.STOCK, IndicatorKind.FLOW
_PCT, _COUNT, _RATIO = IndicatorUnit.PERCENT, IndicatorUnit.COUNT, IndicatorUnit.RATIO

_KIND_AND_UNIT = {
    Indicator.PARTY_SHARE_DQTV: (_STOCK, _PCT),
    Indicator.PARTY_SHARE_MILITIA: (_STOCK, _PCT),
    Indicator.PARTY_SHARE_SELF_DEFENCE: (_STOCK, _PCT),
    Indicator.PARTY_SHARE_RESERVE: (_STOCK, _PCT),
    Indicator.PARTY_SHARE_RESERVE_OFFICERS: (_STOCK, _PCT),
    Indicator.DQTV_POPULATION_SHARE: (_STOCK, _PCT),
    Indicator.ADMISSIONS_DQTV: (_FLOW, _COUNT),
    Indicator.ADMISSIONS_RESERVE: (_FLOW, _COUNT),
    Indicator.ADMISSIONS_PER_MILITARY_CELL: (_FLOW, _RATIO),
    Indicator.COMMUNES_WITH_MILITARY_CELL: (_STOCK, _PCT),
    Indicator.MILITARY_CELLS_WITH_COMMITTEE: (_STOCK, _PCT),
    Indicator.COMMANDERS_IN_PARTY_COMMITTEE: (_STOCK, _PCT),
    Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS: (_STOCK, _PCT),
    Indicator.COMMAND_CADRES_MILITARY_TRAINING: (_STOCK, _PCT),
    Indicator.COMMAND_CADRES_HIGHER_EDUCATION: (_STOCK, _PCT),
    Indicator.MILITARY_CELLS_RATED_GOOD: (_FLOW, _PCT),
    Indicator.MILITARY_CELLS_COMPLETED_TASKS: (_FLOW, _PCT),
    Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS: (_STOCK, _COUNT),
}


def indicator_spec(code: str) -> IndicatorSpec:
    """Return the catalogue entry of `code`; raise KeyError for an unknown code."""
    indicator = Indicator(code)
    kind, unit = _KIND_AND_UNIT[indicator]
    return IndicatorSpec(code=indicator.value, name=str(indicator.label), kind=kind, unit=unit)


def catalogue() -> list[IndicatorSpec]:
    return [indicator_spec(code) for code in Indicator.values]
