from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from .checks import check_every_indicator_has_a_definition

        checks.register(check_every_indicator_has_a_definition)
        post_migrate.connect(clear_orphan_facts, sender=self)


def clear_orphan_facts(using: str = "default", **kwargs: object) -> None:
    """Empty the facts when no service record is left (after `flush`).

    SQLite has no TRUNCATE: `flush` deletes table by table, in no fixed order, and the
    triggers of a table emptied after the facts add that table's removals to them. No record,
    no fact: whatever is left then is such a residue. `flush` sends post_migrate afterwards.
    """
    from django.db import connections

    from members.models import ServiceRecord

    from .models import IndicatorFact

    # After `migrate reports zero` the table is gone, and so is any residue.
    if IndicatorFact._meta.db_table not in connections[using].introspection.table_names():
        return
    if not ServiceRecord.objects.using(using).exists():
        IndicatorFact.objects.using(using).all().delete()
