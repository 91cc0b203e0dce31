"""The facts count only reservists assigned to a mobilisation unit (members 0008).

The triggers' SQL changed, and on SQLite members 0008 rebuilt the service table, which dropped
its triggers: drop and create them all again. Every stored record is assigned (the field's
default), so the facts themselves do not change and need no rebuild.
"""

from django.db import migrations


def recreate(apps, schema_editor):
    from reports.facts import triggers

    connection = schema_editor.connection
    for statement in triggers.drop(connection) + triggers.create(connection):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_fact_triggers"),
        ("members", "0008_reservists_and_militia_rules"),
    ]

    # Going back keeps these triggers: the code of any checkout builds them from its own SQL.
    operations = [migrations.RunPython(recreate, migrations.RunPython.noop)]
