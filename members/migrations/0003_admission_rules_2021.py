"""The admission rules in force since the 2021 regulation, as the first dated rule set."""

import datetime

from django.db import migrations

RULES_2021 = {
    "effective_from": datetime.date(2021, 7, 30),
    "source_document": (
        "Quy định 24-QĐ/TW ngày 30/7/2021 về thi hành Điều lệ Đảng; "
        "Hướng dẫn 01-HD/TW ngày 28/9/2021"
    ),
    "min_age_months": 18 * 12,
    "max_age_months": 60 * 12,
    "certificate_valid_months": 60,
    "verification_valid_months": 12,
    "introducer_letter_valid_months": 6,
    "introducer_acquaintance_months": 12,
    "cell_vote_numerator": 2,
    "cell_vote_denominator": 3,
    "committee_vote_numerator": 2,
    "committee_vote_denominator": 3,
    "decision_deadline_working_days": 60,
    "decision_extension_working_days": 30,
    "ceremony_deadline_working_days": 30,
    "probation_months": 12,
    "recognition_cell_deadline_working_days": 30,
    "recognition_committee_deadline_working_days": 30,
    "readmission_wait_months": 36,
    "cell_committee_min_full_members": 9,
}


def add_rules(apps, schema_editor):
    rule_set = apps.get_model("members", "AdmissionRuleSet")
    rule_set.objects.get_or_create(
        effective_from=RULES_2021["effective_from"], defaults=RULES_2021
    )


def remove_rules(apps, schema_editor):
    rule_set = apps.get_model("members", "AdmissionRuleSet")
    rule_set.objects.filter(effective_from=RULES_2021["effective_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0002_service_no_overlapping_core_records")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
