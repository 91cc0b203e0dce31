"""Keep the indicator facts current with triggers, and compute them for the stored records.

The SQL lives in `reports.facts` (triggers and rebuild), shared with `rebuild_indicator_facts`.
"""

from django.db import migrations


def create(apps, schema_editor):
    from reports.facts import rebuild, triggers

    for statement in triggers.create(schema_editor.connection):
        schema_editor.execute(statement, params=None)
    rebuild.rebuild()


def drop(apps, schema_editor):
    from reports.facts import triggers

    for statement in triggers.drop(schema_editor.connection):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_indicator_facts"),
        ("members", "0007_dates_not_in_future"),
        ("units", "0002_lineage_not_to_itself_and_standing_militia"),
    ]

    operations = [migrations.RunPython(create, drop)]
