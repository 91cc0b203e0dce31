"""Commune military commands: commanders, deputies and the training of command cadres.

These stay on the fly (posts change rarely): the posts held on a date are a few per commune,
and the four indicators read them in one grouped query per report (`post_counts`, shared
through `sharing()`). That is fast for a province or a commune (1-4 ms) but not for the nation
(25 ms of a national report at 4 M people, bench/RESULTS.md, the largest part left): facts of
the posts held (with triggers on posts, people and party records) are the next step there.
"""

from collections.abc import Callable, Mapping

from django.db.models import Count, Q, QuerySet

from members.models import (
    COLLEGE_OR_HIGHER,
    COMMAND_POSITIONS,
    INTERMEDIATE_OR_HIGHER,
    CommandPost,
    Position,
)
from targets.indicators import Indicator
from units.querysets import interval_covers

from ..areas import Area
from .base import Counts, Definition, Grouped, Window, grouped_rows, party_member_on, shared

COMMUNE = "command__commune"


def posts_held_on(window: Window, positions: tuple[str, ...] = ()) -> QuerySet:
    """Return the command posts held on the date, of `positions` when given."""
    posts = CommandPost.objects.filter(interval_covers(window.on))
    return posts.filter(position__in=positions) if positions else posts


def _holders(condition: Q | None = None) -> Count:
    """Count the people holding a post on the date (that matches `condition`), each once."""
    return Count("person", distinct=True, filter=condition)


def _post_aggregates(window: Window) -> dict[str, Count]:
    commander = Q(position=Position.COMMANDER)
    deputy = Q(position=Position.DEPUTY_COMMANDER)
    return {
        "commanders": _holders(commander),
        "commanders_in_committee": _holders(commander & Q(in_party_committee=True)),
        "deputies": _holders(deputy),
        "deputies_in_party": _holders(deputy & Q(party_member_on(window.on))),
        "cadres": _holders(),
        "cadres_intermediate": _holders(Q(person__military_training__in=INTERMEDIATE_OR_HIGHER)),
        "cadres_college": _holders(Q(person__military_training__in=COLLEGE_OR_HIGHER)),
    }


def post_counts(area: Area, window: Window) -> Mapping[int | None, Mapping[str, int]]:
    """Count, per child of `area`, the holders of posts on the date the four indicators read
    (one query per report inside `sharing()`)."""

    def run() -> dict[int | None, dict[str, int]]:
        rows = grouped_rows(
            posts_held_on(window, COMMAND_POSITIONS),
            area,
            commune_path=COMMUNE,
            aggregates=_post_aggregates(window),
        )
        return {row.pop("child"): row for row in rows}

    return shared(("posts", area, window.on), run)


def posts_share(numerator: str, denominator: str) -> Callable[[Area, Window], Grouped]:
    """Build the computation of '`numerator` among `denominator`' from `post_counts`."""

    def compute(area: Area, window: Window) -> Grouped:
        return {
            child: Counts(counts[numerator], counts[denominator])
            for child, counts in post_counts(area, window).items()
        }

    return compute


# Commanders in post who sit on the commune party committee.
commanders_in_party_committee = posts_share("commanders_in_committee", "commanders")
# Deputy commanders in post who are party members on the date.
deputy_commanders_party_members = posts_share("deputies_in_party", "deputies")

DEFINITIONS = [
    Definition(Indicator.COMMANDERS_IN_PARTY_COMMITTEE, commanders_in_party_committee),
    Definition(Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS, deputy_commanders_party_members),
    # Command cadres: everyone holding a post of the commune command on the date (village
    # militia leaders head a village, not the command).
    Definition(
        Indicator.COMMAND_CADRES_MILITARY_TRAINING, posts_share("cadres_intermediate", "cadres")
    ),
    Definition(Indicator.COMMAND_CADRES_HIGHER_EDUCATION, posts_share("cadres_college", "cadres")),
]
