"""Helpers shared by the models of this app."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def end_after_start(model: str, start: str = "start", end: str = "end") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"{model}_{end}_not_before_{start}",
        violation_error_message=_("The end date is before the start date."),
    )
