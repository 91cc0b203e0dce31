"""django-import-export Resource for rosters, keyed by natural codes (national ID, GSO code).

The product imports rosters through `members.roster` (bulk, set-based, all or nothing); this
Resource is the library's ordinary row-by-row import of the same file, kept only as the baseline
of bench/roster_import.py. Each row upserts its person and party record before
the library saves the service record matched by (person, force, service_start).
"""

import datetime

from import_export import fields, resources, widgets

from members.models import PartyRecord, Person, ServiceRecord
from units.models import Commune, ForceUnit, Village

ISO = "%Y-%m-%d"
# The import-export fields of the roster columns; the party columns are read in a hook.
ROSTER_FIELDS = (
    "national_id",
    "full_name",
    "birth_date",
    "sex",
    "ethnicity",
    "commune_code",
    "village",
    "force",
    "category",
    "unit",
    "service_start",
    "service_end",
)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class CommuneAtStartWidget(widgets.ForeignKeyWidget):
    """A commune code names a commune only together with a date: the service start."""

    def __init__(self) -> None:
        super().__init__(Commune, "code")

    def clean(self, value: str, row: dict | None = None, **kwargs: object) -> Commune:
        return Commune.objects.valid_on(_day(row["service_start"])).get(code=value)


class VillageWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Village, "name")

    def clean(self, value: str, row: dict | None = None, **kwargs: object) -> Village | None:
        if not value:
            return None
        commune = CommuneAtStartWidget().clean(row["commune_code"], row)
        return Village.objects.get_or_create(commune=commune, name=value)[0]


class UnitWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(ForceUnit, "name")

    def clean(self, value: str, row: dict | None = None, **kwargs: object) -> ForceUnit | None:
        if not value:
            return None
        commune = CommuneAtStartWidget().clean(row["commune_code"], row)
        units = ForceUnit.objects.filter(province=commune.province, force=row["force"], name=value)
        return units.filter(commune=commune).first() or units.get()


def _person_field(name: str, column: str) -> fields.Field:
    return fields.Field(attribute=f"person__{name}", column_name=column, readonly=True)


class RosterResource(resources.ModelResource):
    national_id = fields.Field(
        attribute="person",
        column_name="national_id",
        widget=widgets.ForeignKeyWidget(Person, "national_id"),
    )
    full_name = _person_field("full_name", "full_name")
    birth_date = _person_field("birth_date", "birth_date")
    sex = _person_field("sex", "sex")
    ethnicity = _person_field("ethnicity", "ethnicity")
    commune_code = fields.Field(
        attribute="commune", column_name="commune_code", widget=CommuneAtStartWidget()
    )
    village = fields.Field(attribute="village", column_name="village", widget=VillageWidget())
    unit = fields.Field(attribute="unit", column_name="unit", widget=UnitWidget())
    service_start = fields.Field(
        attribute="start", column_name="service_start", widget=widgets.DateWidget(ISO)
    )
    service_end = fields.Field(
        attribute="end", column_name="service_end", widget=widgets.DateWidget(ISO)
    )

    class Meta:
        model = ServiceRecord
        fields = ROSTER_FIELDS
        import_id_fields = ("national_id", "force", "service_start")
        skip_unchanged = True

    def before_import_row(self, row: dict, **kwargs: object) -> None:
        """Create or update the row's person first: the service record points at them."""
        commune = CommuneAtStartWidget().clean(row["commune_code"], row)
        Person.objects.update_or_create(
            national_id=row["national_id"],
            defaults={
                "full_name": row["full_name"],
                "birth_date": _day(row["birth_date"]),
                "sex": row["sex"],
                "ethnicity": row["ethnicity"] or "Kinh",
            },
            create_defaults={
                "full_name": row["full_name"],
                "birth_date": _day(row["birth_date"]),
                "sex": row["sex"],
                "ethnicity": row["ethnicity"] or "Kinh",
                "residence_commune": commune,
            },
        )

    def after_save_instance(self, instance: ServiceRecord, row: dict, **kwargs: object) -> None:
        if row.get("party_admitted_on"):
            PartyRecord.objects.update_or_create(
                person=instance.person,
                admitted_on=_day(row["party_admitted_on"]),
                defaults={
                    "full_member_on": _day(row["party_full_on"]),
                    "exit_on": _day(row["party_exit_on"]),
                    "exit_kind": row["party_exit_kind"] or "",
                },
            )
