"""System checks of the reports app."""

from typing import Any

from django.core.checks import CheckMessage, Error


def check_every_indicator_has_a_definition(**kwargs: Any) -> list[CheckMessage]:
    """Report each catalogue code the registry cannot compute."""
    from .indicators import missing_definitions  # the models must be loaded first

    return [
        Error(
            f"Indicator {code!r} has no definition in reports.indicators.",
            id="reports.E001",
        )
        for code in missing_definitions()
    ]
