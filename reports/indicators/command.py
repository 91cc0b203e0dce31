"""Commune military commands: commanders, deputies and the training of command cadres."""

from django.db.models import Count, Q, QuerySet

from members.models import COLLEGE_OR_HIGHER, INTERMEDIATE_OR_HIGHER, CommandPost, Position
from targets.indicators import Indicator
from units.querysets import interval_covers

from ..areas import Area
from .base import Compute, Definition, Grouped, Window, grouped_counts, party_member_on

COMMUNE = "command__commune"


def posts_held_on(window: Window, positions: tuple[str, ...] = ()) -> QuerySet:
    """Return the command posts held on the date, of `positions` when given."""
    posts = CommandPost.objects.filter(interval_covers(window.on))
    return posts.filter(position__in=positions) if positions else posts


def commanders_in_party_committee(area: Area, window: Window) -> Grouped:
    """Count the commanders in post who sit on the commune party committee."""
    return grouped_counts(
        posts_held_on(window, (Position.COMMANDER,)),
        area,
        commune_path=COMMUNE,
        numerator=Count("person", distinct=True, filter=Q(in_party_committee=True)),
        denominator=Count("person", distinct=True),
    )


def deputy_commanders_party_members(area: Area, window: Window) -> Grouped:
    """Count the deputy commanders in post who are party members on the date."""
    return grouped_counts(
        posts_held_on(window, (Position.DEPUTY_COMMANDER,)),
        area,
        commune_path=COMMUNE,
        numerator=Count("person", distinct=True, filter=Q(party_member_on(window.on))),
        denominator=Count("person", distinct=True),
    )


def cadres_trained(levels: tuple[str, ...]) -> Compute:
    """Build the computation of 'command cadres in post whose military training is in `levels`'.

    Command cadres are everyone holding a post of the commune command on the date.
    """

    def compute(area: Area, window: Window) -> Grouped:
        return grouped_counts(
            posts_held_on(window),
            area,
            commune_path=COMMUNE,
            numerator=Count(
                "person", distinct=True, filter=Q(person__military_training__in=levels)
            ),
            denominator=Count("person", distinct=True),
        )

    return compute


DEFINITIONS = [
    Definition(Indicator.COMMANDERS_IN_PARTY_COMMITTEE, commanders_in_party_committee),
    Definition(Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS, deputy_commanders_party_members),
    Definition(
        Indicator.COMMAND_CADRES_MILITARY_TRAINING, cadres_trained(tuple(INTERMEDIATE_OR_HIGHER))
    ),
    Definition(Indicator.COMMAND_CADRES_HIGHER_EDUCATION, cadres_trained(tuple(COLLEGE_OR_HIGHER))),
]
