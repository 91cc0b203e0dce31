"""Who is behind a number: the people an indicator counts, read on behalf of a user.

The rows come from the indicator's own definition (`Definition.people`), which lists them from
the querysets its count aggregates: the list has exactly as many rows as the figure counts.
They are then kept to the people the reader may see (`Person.objects.visible_to`), which the
area check already implies; the filter is there so that a listing of people never rests on a
report's area alone.

Only readers who may see people get a list: an aggregate-only reader is refused
(`PermissionDenied`), whatever the view in front. An area outside the reader's scope answers
`Http404` exactly like a missing code (`reports.selectors.area_get`).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.scope import reads_aggregates_only
from members.models import Person
from members.querysets import party_status_on

from .areas import Area
from .indicators import Part, Window, definition
from .selectors import area_get


@dataclass(frozen=True)
class Explanation:
    """The area explained and its service records, one per count; None where none can be listed.

    Each record carries `party_status` on the date and, for admissions, `admitted_on`.
    """

    area: Area
    records: QuerySet | None


def indicator_people(
    *, actor: object, area_code: str, window: Window, code: str, part: Part
) -> Explanation:
    """Return the records behind `part` of indicator `code` in the area, as the reader may see.

    Raise ValidationError `period_reversed` for a period that ends before it starts.
    """
    if reads_aggregates_only(actor):
        raise PermissionDenied
    if window.start > window.end:
        raise ValidationError(_("The period starts after it ends."), code="period_reversed")
    area = area_get(actor=actor, code=area_code, on=window.on)
    records = definition(code).people(area, window, part)
    if records is None:
        return Explanation(area=area, records=None)
    visible = Person.objects.visible_to(actor).values("pk")
    records = (
        records.filter(person__in=visible)
        .select_related("person", "commune", "unit")
        .annotate(party_status=party_status_on(window.on, person_ref="person"))
        .order_by("person__full_name", "person_id", "pk")
    )
    return Explanation(area=area, records=records)
