"""Name rows and values of the change history in bulk, whether their rows still exist or not.

A history row names things by id: a service record its person, a changed commune field two
communes. These functions look each model's ids up once per page (live rows first, then, for
an audited model, the last version its history kept of a deleted row), so that naming a page
costs a bounded number of queries and never fails on something deleted since.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Field, Model
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .registry import BY_MODEL

EMPTY = "—"

Known = dict[type[Model], dict[Any, Model]]


def resolve(model: type[Model], ids: Iterable[Any]) -> dict[Any, Model]:
    """Return the rows of `model` with these ids, deleted ones from their last kept version."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return {}
    # select_related() follows the non-null foreign keys that `__str__` of units reads.
    found: dict[Any, Model] = model._base_manager.select_related().in_bulk(wanted)
    audited = BY_MODEL.get(model)
    missing = wanted - found.keys()
    if audited is None or not missing:
        return found
    versions = audited.history._default_manager.filter(id__in=missing)
    kept: dict[Any, Model] = {}
    for version in versions.order_by("id", "-history_date", "-history_id"):
        kept.setdefault(version.id, version.instance)
    attach_parents(model, kept.values())
    return found | kept


def attach_parents(model: type[Model], instances: Iterable[Model]) -> None:
    """Set, on each instance, the related rows its `__str__` reads (`Audited.parents`)."""
    instances = list(instances)
    audited = BY_MODEL.get(model)
    for name in audited.parents if audited else ():
        field = model._meta.get_field(name)
        parents = resolve(field.related_model, (getattr(i, field.attname) for i in instances))
        for instance in instances:
            parent = parents.get(getattr(instance, field.attname))
            if parent is not None:
                field.set_cached_value(instance, parent)


def cached(instance: Model | None, name: str) -> Model | None:
    """Return the related row attached as `name`, without querying; None when absent."""
    if instance is None:
        return None
    return instance._meta.get_field(name).get_cached_value(instance, default=None)


def name_of(instance: Model) -> str:
    """Return the row's own name, or its kind and id if a part of the name is gone."""
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} #{instance.pk}"


def related_rows(values: Iterable[tuple[Field, Any]]) -> Known:
    """Look up, once per model, the rows that foreign-key values among `values` point to."""
    ids: dict[type[Model], set[Any]] = defaultdict(set)
    for field, value in values:
        if field.is_relation and value is not None:
            ids[field.related_model].add(value)
    return {model: resolve(model, pks) for model, pks in ids.items()}


def shown(field: Field, value: Any, known: Known) -> str:
    """Return a field's value as the pages write it: labels, names, Vietnamese dates."""
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        row = known.get(field.related_model, {}).get(value)
        return name_of(row) if row is not None else _("#%(id)s (deleted)") % {"id": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, datetime.date | Decimal | float | int):
        return formats.localize(value)
    return str(value)
