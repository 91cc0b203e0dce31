"""Villages without a party member now read the counts of the party register (units 0004):
the facts no longer count party members per village, nor watch where people live.

Drops the person trigger and the village rows, and creates the other triggers again from
their current SQL (the party record triggers no longer write village rows).
"""

from django.db import migrations, models

PERSON_TRIGGER = "reports_facts_members_person_update"


def without_village_facts(apps, schema_editor):
    from reports.facts import triggers

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {PERSON_TRIGGER}() CASCADE")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PERSON_TRIGGER}")
    for statement in triggers.drop(connection) + triggers.create(connection):
        schema_editor.execute(statement, params=None)
    schema_editor.execute("DELETE FROM reports_indicatorfact WHERE level = 4")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_facts_count_assigned_reservists"),
        ("units", "0004_village_party_counts"),
    ]

    operations = [
        # Going back would need the village rows rebuilt: `rebuild_indicator_facts` at that
        # checkout does it.
        migrations.RunPython(without_village_facts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicatorfact",
            name="level",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (1, "province in the nation"),
                    (2, "commune in its province"),
                    (3, "force unit in its commune"),
                ]
            ),
        ),
    ]
