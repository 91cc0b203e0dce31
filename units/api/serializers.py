"""Query parameters and items of the units API: codes and dates in, units out."""

from rest_framework import serializers

from units.models import Commune, ForceUnit, Province

# Force units have no official code; reports name them "U" and their id (`reports.areas`),
# and this API names them alike so that a client can pass the code on as a report area.
FORCE_UNIT_PREFIX = "U"
ISO_DATE = ["%Y-%m-%d"]


def date_parameter() -> serializers.DateField:
    return serializers.DateField(
        input_formats=ISO_DATE, required=False, help_text="YYYY-MM-DD; today when omitted"
    )


class DateQuery(serializers.Serializer):
    date = date_parameter()


class CommuneQuery(serializers.Serializer):
    province = serializers.RegexField(
        r"^\d{2}$", help_text="official code of the province (2 digits), valid on the date"
    )
    date = date_parameter()


class ForceUnitQuery(serializers.Serializer):
    commune = serializers.RegexField(
        r"^\d{5}$", help_text="official code of the commune (5 digits), valid on the date"
    )
    date = date_parameter()


class ProvinceItem(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "kind", "valid_from", "valid_to"]


class CommuneItem(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["code", "name", "kind", "valid_from", "valid_to"]


class ForceUnitItem(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(help_text='"U" and the id: a report area code')
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = ForceUnit
        fields = [
            "id",
            "code",
            "name",
            "force",
            "category",
            "echelon",
            "commune",
            "valid_from",
            "valid_to",
        ]

    def get_code(self, unit: ForceUnit) -> str:
        return f"{FORCE_UNIT_PREFIX}{unit.pk}"
