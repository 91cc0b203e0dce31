"""Forms of the people pages: one person with their records on one page, and a transfer.

Choices of communes, villages, units, commands and cells are limited to the actor's area; the
services check the area again, as the form is not the only way in.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from members.forms.service_records import SERVICE_RECORD_FIELDS, ServiceRecordInlineFormSet
from members.models import CommandPost, PartyRecord, Person, ServiceRecord
from members.services.people import check_national_id_free
from units.models import Commune, CommuneCommand, ForceUnit, MilitaryPartyCell, Village

# Django's "vi" locale has no input formats, and the global fallback reads 05/06/2024 as
# 6 May: the Vietnamese order is day/month/year.
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
SCOPED_CHOICES = {
    "residence_commune": Commune,
    "commune": Commune,
    "residence_village": Village,
    "village": Village,
    "unit": ForceUnit,
    "command": CommuneCommand,
    "military_cell": MilitaryPartyCell,
}


class DayField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DAY_FORMATS)
        kwargs["widget"] = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
        super().__init__(**kwargs)


def day_fields(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.DateField):
        return db_field.formfield(form_class=DayField, **kwargs)
    return db_field.formfield(**kwargs)


class ScopedForm(forms.ModelForm):
    """A model form whose foreign-key choices are the actor's area."""

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        for name, model in SCOPED_CHOICES.items():
            if name in self.fields:
                self.fields[name].queryset = model.objects.visible_to(actor)


class PersonForm(ScopedForm):
    confirm_duplicate = forms.BooleanField(
        label=_("I confirm this is another person with the same name and birth date"),
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "birth_date",
            "sex",
            "national_id",
            "ethnicity",
            "religion",
            "general_education",
            "military_training",
            "residence_commune",
            "residence_village",
        ]
        formfield_callback = day_fields

    def clean_national_id(self) -> str | None:
        national_id = self.cleaned_data.get("national_id") or None
        # Said here beside the field; the database would only say it in general terms.
        try:
            check_national_id_free(national_id=national_id, person_pk=self.instance.pk)
        except ValidationError as error:
            raise ValidationError(error.error_dict["national_id"]) from None
        return national_id


class ServiceRecordForm(ScopedForm):
    class Meta:
        model = ServiceRecord
        fields = SERVICE_RECORD_FIELDS
        formfield_callback = day_fields


class CommandPostForm(ScopedForm):
    class Meta:
        model = CommandPost
        fields = [
            "command",
            "position",
            "holder_kind",
            "village",
            "start",
            "end",
            "in_party_committee",
        ]
        formfield_callback = day_fields


class PartyRecordForm(ScopedForm):
    class Meta:
        model = PartyRecord
        fields = [
            "admitted_on",
            "decision_number",
            "ceremony_on",
            "full_member_on",
            "card_number",
            "military_cell",
            "exit_on",
            "exit_kind",
        ]
        formfield_callback = day_fields


def _formset(model: type[models.Model], form: type[ScopedForm], **kwargs: Any) -> type:
    return inlineformset_factory(Person, model, form=form, extra=1, can_delete=True, **kwargs)


# The prefixes are the related names, as in the admin: browser tests and people rely on them.
PERSON_FORMSETS = {
    "services": _formset(ServiceRecord, ServiceRecordForm, formset=ServiceRecordInlineFormSet),
    "posts": _formset(CommandPost, CommandPostForm),
    "party_records": _formset(PartyRecord, PartyRecordForm),
}


def person_formsets(*, actor: User, person: Person, data: Any = None) -> dict[str, Any]:
    return {
        prefix: formset(data, instance=person, prefix=prefix, form_kwargs={"actor": actor})
        for prefix, formset in PERSON_FORMSETS.items()
    }


class TransferForm(forms.Form):
    """Move a service record to another commune (and unit) from a day on."""

    to_commune = forms.ModelChoiceField(label=_("to commune"), queryset=Commune.objects.none())
    to_unit = forms.ModelChoiceField(
        label=_("to unit"), queryset=ForceUnit.objects.none(), required=False
    )
    start = DayField(label=_("from"))

    def __init__(self, *args: Any, record: ServiceRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        # People move anywhere in the province, not only within the cadre's area.
        province = record.commune.province_id
        self.fields["to_commune"].queryset = (
            Commune.objects.valid_on(today)
            .filter(province_id=province)
            .exclude(pk=record.commune_id)
        )
        self.fields["to_unit"].queryset = ForceUnit.objects.valid_on(today).filter(
            province_id=province, force=record.force
        )
        self.fields["start"].initial = today + datetime.timedelta(days=1)
