"""Forms of the admission pages: they parse what a cadre typed; the services judge every rule."""

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from members.models import (
    VOTE_STAGES,
    AdmissionCase,
    AdmissionStep,
    Outcome,
    Person,
    Stage,
)
from units.models import MilitaryPartyCell

# Vietnamese documents write dd/mm/yyyy; ISO is accepted too for pasted or scripted input.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def day_field(label: str, **kwargs: object) -> forms.DateField:
    """Return a date field read and shown as dd/mm/yyyy."""
    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"},
    )
    return forms.DateField(label=label, input_formats=DATE_INPUT_FORMATS, widget=widget, **kwargs)


def _label(model: type, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


class ServiceForm(forms.Form):
    """A form whose input goes to a service; the service's refusal is shown on the form."""

    def add_service_error(self, error: ValidationError) -> None:
        """Put each refusal beside the field it names, or at the top when no field shows it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            field = self.fields.get(name)
            shown = field is not None and not field.widget.is_hidden
            self.add_error(name if shown else None, errors)


class StepForm(ServiceForm):
    """The next step of a case: the fields depend on the stage being recorded."""

    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    done_on = day_field(_label(AdmissionStep, "done_on"))
    document_number = forms.CharField(
        label=_label(AdmissionStep, "document_number"), max_length=40, required=False
    )
    eligible_voters = forms.IntegerField(
        label=_label(AdmissionStep, "eligible_voters"), min_value=0, required=False
    )
    votes_for = forms.IntegerField(
        label=_label(AdmissionStep, "votes_for"), min_value=0, required=False
    )
    votes_against = forms.IntegerField(
        label=_label(AdmissionStep, "votes_against"), min_value=0, required=False
    )
    extension_reason = forms.CharField(
        label=_label(AdmissionStep, "extension_reason"),
        max_length=300,
        required=False,
        help_text=_("Only in special cases: the decision deadline is then extended."),
    )
    override_reason = forms.CharField(
        label=_("Deliberate override: reason"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Leave empty unless you deliberately override a rule. The reason is recorded "
            "with the step, with your name, and shown to everyone who reads the case."
        ),
    )
    note = forms.CharField(label=_label(AdmissionStep, "note"), max_length=300, required=False)

    def __init__(self, *args: object, stage: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].initial = stage
        if stage not in VOTE_STAGES:
            for name in ("eligible_voters", "votes_for", "votes_against"):
                del self.fields[name]
        if stage != Stage.DECISION:
            del self.fields["extension_reason"]


class OpenCaseForm(ServiceForm):
    """Open a case for a person of the actor's area."""

    person = forms.ModelChoiceField(label=_label(AdmissionCase, "person"), queryset=Person.objects)
    opened_on = day_field(_("picked for the source pool on"))
    cell = forms.ModelChoiceField(
        label=_label(AdmissionCase, "cell"), queryset=MilitaryPartyCell.objects, required=False
    )
    helper = forms.ModelChoiceField(
        label=_label(AdmissionCase, "helper"), queryset=Person.objects, required=False
    )

    def __init__(self, *args: object, actor: AbstractBaseUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.visible_to(actor)
        self.fields["person"].queryset = people.order_by("full_name", "birth_date")
        self.fields["helper"].queryset = people.party_members_on(timezone.localdate()).order_by(
            "full_name", "birth_date"
        )
        self.fields["cell"].queryset = (
            MilitaryPartyCell.objects.visible_to(actor)
            .filter(dissolved_on__isnull=True)
            .order_by("name")
        )


class CloseCaseForm(ServiceForm):
    outcome = forms.ChoiceField(label=_label(AdmissionCase, "outcome"), choices=Outcome.choices)
    on = day_field(_label(AdmissionCase, "outcome_on"))
    reason = forms.CharField(
        label=_label(AdmissionCase, "outcome_reason"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
