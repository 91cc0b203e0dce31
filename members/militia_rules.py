"""Ages and terms of militia and self-defence service (Law 48/2019 art. 8), checked on entry.

The rules are data (`MilitiaServiceRules`); the set in force on a record's first day decides.
Records that start before the first set are not checked: the product holds no rules for them.
Only core militia and self-defence records are checked; the reserve has its own law.
"""

import bisect
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from members.models import MilitiaServiceRules, ServiceRecord, Sex
from members.rules import add_months, age_in_months, format_day
from units.models import DQTV_FORCES, DqtvCategory

ONE_DAY = datetime.timedelta(days=1)


def rules_on(day: datetime.date) -> MilitiaServiceRules | None:
    """Return the rules in force on `day`, or None before the first set."""
    return (
        MilitiaServiceRules.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )


def rules_in_force() -> Callable[[datetime.date], MilitiaServiceRules | None]:
    """Load every set once and return the lookup of the set in force on a day (an import
    checks thousands of rows with one query)."""
    sets = list(MilitiaServiceRules.objects.order_by("effective_from"))
    starts = [rules.effective_from for rules in sets]

    def on(day: datetime.date) -> MilitiaServiceRules | None:
        index = bisect.bisect_right(starts, day)
        return sets[index - 1] if index else None

    return on


@dataclass(frozen=True)
class Service:
    """What the rules read of a service record and its person."""

    force: str
    category: str
    start: datetime.date
    end: datetime.date | None
    birth: datetime.date | None
    sex: str
    volunteer: bool = False
    extended_until: datetime.date | None = None
    extension_decided_on: datetime.date | None = None


def militia_rule_errors(record: ServiceRecord) -> dict[str, str]:
    """Return the fields of `record` that break the militia rules, each with its message."""
    if record.force not in DQTV_FORCES or not record.is_core or record.start is None:
        return {}
    person = getattr(record, "person", None)
    service = Service(
        force=record.force,
        category=record.category,
        start=record.start,
        end=record.end,
        birth=None if person is None else person.birth_date,
        sex="" if person is None else person.sex,
        volunteer=record.volunteer,
        extended_until=record.extended_until,
        extension_decided_on=record.extension_decided_on,
    )
    return service_errors(service, rules_on)


def service_errors(
    service: Service, rules_of: Callable[[datetime.date], MilitiaServiceRules | None]
) -> dict[str, str]:
    """Return the fields of a core `service` that break the rules `rules_of` its first day."""
    if service.force not in DQTV_FORCES:
        return {}
    rules = rules_of(service.start)
    if rules is None:
        return {}
    errors = _term_errors(rules, service)
    if service.birth is not None and (message := _age_error(rules, service)):
        errors["start"] = message
    # Every refusal names the law and article it applies.
    return {field: f"{message} ({rules.source_document})" for field, message in errors.items()}


def _age_error(rules: MilitiaServiceRules, record: Service) -> str:
    # The month arithmetic of the admission rules (members.rules), decided there once.
    age = age_in_months(record.birth, record.start) // 12
    woman = record.sex == Sex.FEMALE
    duty_max = rules.max_age_women if woman else rules.max_age_men
    volunteer_max = rules.volunteer_max_age_women if woman else rules.volunteer_max_age_men
    highest = volunteer_max if record.volunteer else duty_max
    params = {"age": age, "day": format_day(record.start)}
    if age < rules.min_age:
        return _("Aged %(age)s on %(day)s: service starts at %(min)s.") % {
            **params,
            "min": rules.min_age,
        }
    if age <= highest:
        return ""
    if age <= volunteer_max:
        return _(
            "Aged %(age)s on %(day)s: above %(max)s, only a volunteer may serve (up to "
            "%(volunteer)s)."
        ) % {**params, "max": duty_max, "volunteer": volunteer_max}
    return _("Aged %(age)s on %(day)s: above %(max)s, the oldest a volunteer may serve.") % {
        **params,
        "max": volunteer_max,
    }


def _term_errors(rules: MilitiaServiceRules, record: Service) -> dict[str, str]:
    """The term and its extension: the term ends the day before its last anniversary."""
    years = (
        rules.standing_term_years if record.category == DqtvCategory.STANDING else rules.term_years
    )
    term_end = add_months(record.start, 12 * years) - ONE_DAY
    latest = add_months(term_end + ONE_DAY, 12 * rules.max_extension_years) - ONE_DAY
    errors = {}
    if record.extended_until is not None:
        if record.extended_until <= term_end:
            errors["extended_until"] = _(
                "An extension runs past the end of the term (%(end)s)."
            ) % {"end": format_day(term_end)}
        elif record.extended_until > latest:
            errors["extended_until"] = _(
                "A term may be extended by %(years)s years at most: to %(latest)s."
            ) % {"years": rules.max_extension_years, "latest": format_day(latest)}
        decided = record.extension_decided_on
        if decided is not None and not record.start <= decided <= term_end:
            errors["extension_decided_on"] = _(
                "The extension is decided during the term (%(start)s to %(end)s)."
            ) % {"start": format_day(record.start), "end": format_day(term_end)}
    allowed_end = record.extended_until or term_end
    if record.end is not None and record.end > max(allowed_end, term_end):
        errors["end"] = _(
            "The term of %(years)s years ends on %(term_end)s; a later end needs an extension "
            "decided during the term."
        ) % {"years": years, "term_end": format_day(term_end)}
    return errors
