"""The people pages: thin views over `members.selectors.people` and `members.services.people`.

Access follows `config.access.requires`: anonymous users go to the login page; a role that may
not read people (the aggregate-only client) gets 403, and so does a reader without the add or
change permission on the write pages (provincial staff by default); a person outside the area
answers 404 like a missing id.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.access import requires
from members.filters import PersonFilter
from members.forms.people import PersonForm, TransferForm, person_formsets
from members.models import Person
from members.querysets import PartyStatus
from members.selectors.people import (
    my_commune_overview,
    person_get,
    person_list,
    person_records,
    service_record_get,
)
from members.services.people import (
    RelatedChanges,
    person_create,
    person_update,
    service_record_transfer,
)
from units.models import Force

PAGE_SIZE = 50
FORCE_LABELS = dict(Force.choices)
STATUS_LABELS = dict(PartyStatus.choices)
TEMPLATES = "members/people/"
VIEW = "members.view_person"


@requires(VIEW)
def person_list_view(request: HttpRequest) -> HttpResponse:
    people = person_list(actor=request.user, filters=request.GET)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    for person in page:
        # Annotations carry codes; the page shows their translated labels.
        person.force_label = FORCE_LABELS.get(person.current_force, "")
        person.status_label = STATUS_LABELS[person.party_status]
    context = {"filter": PersonFilter(request.GET), "page": page}
    return render(request, TEMPLATES + "list.html", context)


@requires(VIEW)
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(actor=request.user, pk=pk)
    records = person_records(actor=request.user, person=person)
    return render(request, TEMPLATES + "detail.html", {"person": person, "records": records})


@requires(VIEW, "members.add_person")
def person_create_view(request: HttpRequest) -> HttpResponse:
    return _person_form(request, Person(), person_create)


@requires(VIEW, "members.change_person")
def person_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(actor=request.user, pk=pk, purpose="edit")
    return _person_form(request, person, person_update)


def _person_form(request: HttpRequest, person: Person, service: Callable) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, instance=person, actor=request.user)
    formsets = person_formsets(actor=request.user, person=person, data=data)
    valid = data is not None and form.is_valid()
    if all([valid, *(formset.is_valid() for formset in formsets.values())]):
        related = _related_changes(formsets.values())
        try:
            saved = service(
                actor=request.user,
                person=form.instance,
                related=related,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
            )
        except ValidationError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The person is saved."))
            return redirect("members:person_detail", pk=saved.pk)
    context = {"form": form, "formsets": formsets, "person": person}
    return render(request, TEMPLATES + "form.html", context)


def _related_changes(formsets: Any) -> RelatedChanges:
    saved, deleted = [], []
    for formset in formsets:
        saved += formset.save(commit=False)
        deleted += formset.deleted_objects
    return RelatedChanges(saved=saved, deleted=deleted)


def show_error(form: Form, error: ValidationError) -> None:
    """Put a service's refusal beside its field, or above the form for other fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@requires(VIEW, "members.change_servicerecord")
def service_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = service_record_get(actor=request.user, pk=pk)
    person = person_get(actor=request.user, pk=record.person_id, purpose="transfer")
    form = TransferForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            service_record_transfer(record=record, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The service record is transferred."))
            return redirect("members:person_detail", pk=person.pk)
    context = {"form": form, "record": record, "person": person}
    return render(request, TEMPLATES + "transfer.html", context)


@requires(VIEW)
def my_commune_view(request: HttpRequest) -> HttpResponse:
    overview = my_commune_overview(actor=request.user, on=timezone.localdate())
    return render(request, "members/my_commune.html", {"overview": overview})
