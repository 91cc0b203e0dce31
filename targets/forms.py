"""Forms of the directive and target pages: they parse what a user typed; the services judge.

An area is typed as its official code and read on the directive's `effective_from`, exactly as
the API reads it (`targets.areas.area_fields_on`). The model's constraints and the area scope
are judged by `targets.services` on the row as it will be saved; its refusal comes back through
`ServiceModelForm.show_refusal`, beside the field it names, with nothing written. The target
form also says which bound a kind of bound needs or refuses, before the model's constraint
would refuse the pair as a whole.
"""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .api.errors import keyed
from .areas import area_code, area_fields_on
from .display import indicator_label, number, unit_symbol
from .indicators import Indicator, indicator_spec
from .models import Bound, Directive, Target

# Vietnamese documents write dd/mm/yyyy; ISO is accepted too for pasted or scripted input.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Which of the two bounds each kind takes; "exactly" takes one value, stored as both.
BOUNDS_TAKEN = {
    Bound.AT_LEAST: ("lower",),
    Bound.OVER: ("lower",),
    Bound.AT_MOST: ("upper",),
    Bound.UNDER: ("upper",),
    Bound.RANGE: ("lower", "upper"),
    Bound.EXACT: ("lower",),
}


class DayField(forms.DateField):
    """A date read and shown as dd/mm/yyyy."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        attrs = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        kwargs["widget"] = forms.DateInput(format="%d/%m/%Y", attrs=attrs)
        super().__init__(**kwargs)


def day_fields(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.DateField):
        return db_field.formfield(form_class=DayField, **kwargs)
    return db_field.formfield(**kwargs)


class InForceForm(forms.Form):
    """The filter of the directive list: the directives in force on a day."""

    in_force_on = DayField(label=capfirst(_("in force on")), required=False)


class ServiceModelForm(forms.ModelForm):
    """A model form whose row is judged by a service, not by the form.

    The area, typed as a code, is resolved in `clean` into `self.area_fields`.
    """

    area = forms.CharField(label=capfirst(_("area")), max_length=5, required=False, strip=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area_fields: dict[str, Any] = {}
        self.initial.setdefault("area", area_code(self.instance))

    def resolve_area(self, on: datetime.date | None) -> None:
        """Read the typed code on `on`; a wrong day already has its own error."""
        if on is None or self.has_error("area"):
            return
        try:
            self.area_fields = area_fields_on(code=self.cleaned_data.get("area"), on=on)
        except ValidationError as error:
            self.add_error("area", error.error_dict["area"])

    def _post_clean(self) -> None:
        # The service runs `full_clean` and the area checks on the row as it will be saved, and
        # its refusal is shown by `show_refusal`: judged here, the constraints on the area
        # fields (which the form does not hold) would be skipped, and the rest judged twice.
        self.instance = construct_instance(self, self.instance, self._meta.fields)
        for name, value in self.area_fields.items():
            setattr(self.instance, name, value)

    def show_refusal(self, error: ValidationError) -> None:
        """Put each message of a service's refusal beside its field, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in keyed(error, self._meta.model).items():
            self.add_error(name if name in self.fields else None, messages)


class DirectiveForm(ServiceModelForm):
    class Meta:
        model = Directive
        fields = [
            "number",
            "kind",
            "issuer",
            "issued_on",
            "title",
            "area",
            "effective_from",
            "effective_to",
            "source",
        ]
        formfield_callback = day_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].help_text = _(
            "Official code valid on the day it comes into force: 2 digits for a province, "
            "3 for a legacy district, 5 for a commune; empty for the whole nation."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.resolve_area(cleaned.get("effective_from"))
        return cleaned


class TargetForm(ServiceModelForm):
    """A target of one directive (`instance.directive`, set by the view)."""

    # Localized: a Vietnamese user types 12,5 (12.5 is read too).
    lower = forms.DecimalField(
        label=capfirst(_("lower bound")),
        min_value=0,
        max_digits=9,
        decimal_places=3,
        required=False,
        localize=True,
        help_text=_("For 'exactly', the value."),
    )
    upper = forms.DecimalField(
        label=capfirst(_("upper bound")),
        min_value=0,
        max_digits=9,
        decimal_places=3,
        required=False,
        localize=True,
    )

    class Meta:
        model = Target
        fields = [
            "indicator",
            "area",
            "each_commune",
            "bound",
            "lower",
            "upper",
            "deadline_year",
            "deadline_date",
        ]
        formfield_callback = day_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "---------")] + [
            (code, indicator_label(code)) for code in Indicator.values
        ]
        self.fields["area"].help_text = _(
            "Official code valid on the day the directive comes into force; empty for the "
            "directive's own area."
        )
        for name in ("lower", "upper"):
            value = self.initial.get(name)
            if isinstance(value, Decimal):
                self.initial[name] = number(value)

    @property
    def unit(self) -> str:
        """The unit of the chosen indicator (as submitted, else as stored), shown by the bounds."""
        code = self.data.get("indicator") if self.is_bound else self.instance.indicator
        if code not in Indicator.values:
            return ""
        return unit_symbol(indicator_spec(code).unit)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("bound") in Bound.values:
            self._check_bounds(Bound(cleaned["bound"]), cleaned)
        self._check_deadline(cleaned)
        self.resolve_area(self.instance.directive.effective_from)
        return cleaned

    def _check_bounds(self, bound: Bound, cleaned: dict[str, Any]) -> None:
        """Say beside each bound whether this kind needs it or refuses it."""
        lower, upper = cleaned.get("lower"), cleaned.get("upper")
        if bound == Bound.EXACT and upper == lower:
            upper = None  # the value typed twice is the value once
        for name, value in (("lower", lower), ("upper", upper)):
            taken = name in BOUNDS_TAKEN[bound]
            if taken and value is None and not self.has_error(name):
                message = _("'%(bound)s' needs this bound.")
                self.add_error(name, ValidationError(message, "required", {"bound": bound.label}))
            elif not taken and value is not None:
                message = _("Leave this bound empty for '%(bound)s'.")
                self.add_error(name, ValidationError(message, "not_taken", {"bound": bound.label}))
        if bound == Bound.RANGE and None not in (lower, upper) and upper <= lower:
            message = _("The upper bound must be above the lower bound.")
            self.add_error("upper", ValidationError(message, "range_reversed"))
        if bound == Bound.EXACT:
            cleaned["upper"] = cleaned.get("lower")

    def _check_deadline(self, cleaned: dict[str, Any]) -> None:
        year, day = cleaned.get("deadline_year"), cleaned.get("deadline_date")
        if year is not None and day is not None:
            message = _("Give the deadline as a year or as a date, not both.")
            self.add_error("deadline_date", ValidationError(message, "one_deadline"))
        elif year is None and day is None and not self.has_error("deadline_date"):
            message = _("Give a deadline: a year or a date.")
            self.add_error("deadline_year", ValidationError(message, "one_deadline"))
