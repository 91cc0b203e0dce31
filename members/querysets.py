"""Which rows of the members app a user may see, and the party status of people on a day.

Every queryset here filters by area through `units.scope` (`within(scope)`, `visible_to(user)`)
alone, so access is decided in one place and fails closed (DOMAIN.md §8).
"""

import datetime
from typing import Any

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from units.querysets import interval_covers
from units.scope import AreaBoundQuerySet, AreaScope, scope_of


class PartyStatus(models.TextChoices):
    FULL = "full", _("full member")
    PROBATIONARY = "probationary", _("probationary member")
    NONE = "none", _("not a party member")


def member_on(on: datetime.date, prefix: str = "") -> Q:
    """Party records that make their person a member on `on`, from the record's point of view.

    The one definition of "is a party member on day D" (DOMAIN.md §5): admitted on or before D
    and no exit on or before D: an exit dated D means the person no longer counts on D.
    `prefix` reaches the fields through a relation (for example "party_records__").
    """
    return Q(**{f"{prefix}admitted_on__lte": on}) & (
        Q(**{f"{prefix}exit_on__isnull": True}) | Q(**{f"{prefix}exit_on__gt": on})
    )


def is_member_on(
    admitted_on: datetime.date, exit_on: datetime.date | None, on: datetime.date
) -> bool:
    """Tell in Python what `member_on` tells in SQL, for a record already in memory."""
    return admitted_on <= on and (exit_on is None or exit_on > on)


def _party_on(person_ref: str, on: datetime.date) -> models.QuerySet:
    """Party records of the person at `person_ref` that make them a member on `on`."""
    from members.models import PartyRecord

    return PartyRecord.objects.filter(member_on(on), person_id=OuterRef(person_ref))


def party_status_on(on: datetime.date, person_ref: str = "pk") -> Case:
    """Return the party status (full, probationary, none) on `on` as an SQL expression.

    Full membership dates from the end of probation (`full_member_on`), even when it was
    approved later; a member without that date on `on` is still probationary.
    """
    members = _party_on(person_ref, on)
    return Case(
        When(Exists(members.filter(full_member_on__lte=on)), then=Value(PartyStatus.FULL)),
        When(Exists(members), then=Value(PartyStatus.PROBATIONARY)),
        default=Value(PartyStatus.NONE),
        output_field=models.CharField(),
    )


def covering(on: datetime.date) -> Q:
    """Rows dated `start`..`end` (both inclusive, open end) that cover `on`."""
    return interval_covers(on)


class PersonQuerySet(models.QuerySet):
    def within(self, scope: AreaScope) -> "PersonQuerySet":
        """Keep the people whose residence, or any service record, lies in the scope."""
        # An everything-scope is an empty Q, and an empty Q OR'ed with EXISTS would mean the
        # EXISTS alone: people without service records would vanish from the national view.
        if scope.everything:
            return self.all()
        services = self.model._meta.get_field("services").related_model
        served = services.objects.within(scope).filter(person_id=OuterRef("pk"))
        residence = scope.q(
            commune="residence_commune_id", province=("residence_commune__province_id",)
        )
        return self.filter(residence | Exists(served))

    def visible_to(self, user: Any) -> "PersonQuerySet":
        return self.within(scope_of(user))

    def with_party_status(self, on: datetime.date) -> "PersonQuerySet":
        return self.annotate(party_status=party_status_on(on))

    def with_current_force(self, on: datetime.date) -> "PersonQuerySet":
        services = self.model._meta.get_field("services").related_model
        current = services.objects.filter(covering(on), person_id=OuterRef("pk"))
        return self.annotate(current_force=Subquery(current.order_by("-start").values("force")[:1]))

    def serving_on(
        self, on: datetime.date, force: str | None = None, **record: Any
    ) -> "PersonQuerySet":
        """Keep the people with a service record covering `on`, of `force` and matching the
        `record` lookups (category, commune) when given: all judged on the same record."""
        services = self.model._meta.get_field("services").related_model
        if force:
            record["force"] = force
        serving = services.objects.filter(covering(on), person_id=OuterRef("pk"), **record)
        return self.filter(Exists(serving))

    def party_members_on(self, on: datetime.date) -> "PersonQuerySet":
        """Keep the people who are party members on `on`."""
        party = self.model._meta.get_field("party_records").related_model
        return self.filter(Exists(party.objects.filter(member_on(on), person=OuterRef("pk"))))


class ServiceRecordQuerySet(AreaBoundQuerySet):
    def covering(self, on: datetime.date) -> "ServiceRecordQuerySet":
        return self.filter(covering(on))


class CommandPostQuerySet(AreaBoundQuerySet):
    commune_path = "command__commune_id"
    province_paths = ("command__commune__province_id",)


class ByPersonQuerySet(models.QuerySet):
    """Rows about one person (party records, ratings, read logs): visible with the person."""

    def within(self, scope: AreaScope) -> Any:
        # The nation keeps rows whose person is gone (a read log's person is set NULL on
        # deletion); `person__in` would drop them, as NULL is in no set.
        if scope.everything:
            return self.all()
        people = self.model._meta.get_field("person").related_model
        return self.filter(person__in=people.objects.within(scope).values("pk"))

    def visible_to(self, user: Any) -> Any:
        return self.within(scope_of(user))


class AdmissionCaseQuerySet(AreaBoundQuerySet):
    """Cases lie in the commune that runs them."""


class AdmissionStepQuerySet(AreaBoundQuerySet):
    commune_path = "case__commune_id"
    province_paths = ("case__commune__province_id",)
