"""Every database constraint has a test that fails without it.

A constraint test is marked with `@covers("constraint_name")` and writes its violating row inside
`refused_by("constraint_name")`, which passes only when the database refuses the write with an
error naming that very constraint, not merely any IntegrityError. The tests below fail as soon as
a model declares a constraint that no test covers.
"""

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

APPS = ("accounts", "units", "members", "targets")

# Rules the database holds outside Meta.constraints (raw SQL in a migration).
MIGRATION_RULES = frozenset({"service_no_overlapping_core_records"})

TEST_MODULES = (
    "tests.accounts.test_constraints",
    "tests.units.test_constraints",
    "tests.members.test_constraints",
    "tests.targets.test_constraints",
)


def covers(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a test as the one that proves the constraints `names`."""

    def mark(test: Callable[..., Any]) -> Callable[..., Any]:
        test.covered_constraints = frozenset(names)
        return test

    return mark


def declared_constraints() -> dict[str, tuple[type[models.Model], models.BaseConstraint]]:
    return {
        constraint.name: (model, constraint)
        for app_label in APPS
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    }


def find_constraint(name: str) -> models.BaseConstraint:
    return declared_constraints()[name][1]


def _sqlite_message(name: str) -> str:
    """The exact message SQLite gives: CHECK names the constraint, UNIQUE its columns."""
    if name in MIGRATION_RULES:
        return name  # the triggers RAISE(ABORT, name)
    model, constraint = declared_constraints()[name]
    if isinstance(constraint, models.CheckConstraint):
        return f"CHECK constraint failed: {name}"
    table = model._meta.db_table
    columns = ", ".join(f"{table}.{model._meta.get_field(f).column}" for f in constraint.fields)
    return f"UNIQUE constraint failed: {columns}"


def names_constraint(message: str, name: str) -> bool:
    if connection.vendor == "sqlite":
        return message == _sqlite_message(name)
    return f'"{name}"' in message


@contextmanager
def refused_by(name: str) -> Iterator[None]:
    """Assert that the block's write is refused by the database constraint `name`."""
    assert name in MIGRATION_RULES or name in declared_constraints(), name
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        yield
    assert names_constraint(str(refusal.value), name), str(refusal.value)


def covered_constraints() -> set[str]:
    covered: set[str] = set()
    for module_name in TEST_MODULES:
        for test in vars(importlib.import_module(module_name)).values():
            covered |= getattr(test, "covered_constraints", frozenset())
    return covered


def test_every_declared_constraint_and_migration_rule_has_a_test():
    expected = set(declared_constraints()) | MIGRATION_RULES
    assert sorted(expected - covered_constraints()) == []


def test_every_tested_constraint_name_exists():
    expected = set(declared_constraints()) | MIGRATION_RULES
    assert sorted(covered_constraints() - expected) == []


def test_constraint_names_are_unique_across_the_apps():
    names = [
        constraint.name
        for app_label in APPS
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    ]
    assert len(names) == len(set(names))
