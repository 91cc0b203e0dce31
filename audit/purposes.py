"""Where a person was read, in words: the read log stores a short code per reading place."""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LABELS = {
    "detail": gettext_lazy("person page"),
    "edit": gettext_lazy("person edit form"),
    "transfer": gettext_lazy("transfer form"),
    "admission_case": gettext_lazy("admission case page"),
    "api": gettext_lazy("API: person"),
    "api_admission_case": gettext_lazy("API: admission case"),
    "roster_export": gettext_lazy("roster export"),
    "explain": gettext_lazy("indicator explanation"),
    "audit_changes": gettext_lazy("audit: change history"),
    "audit_changes_export": gettext_lazy("audit: change history download"),
    "audit_reads_export": gettext_lazy("audit: read log download"),
    "admin": gettext_lazy("admin"),
}
ADMIN_PREFIX = "admin_"
HISTORY_SUFFIX = "_history"


def purpose_label(code: str) -> str:
    """Name the place of a reading; an admin page names its model; an unknown code shows as is."""
    if code in LABELS:
        return str(LABELS[code])
    if code.startswith(ADMIN_PREFIX):
        name = code.removeprefix(ADMIN_PREFIX).removesuffix(HISTORY_SUFFIX)
        where = _("admin history") if code.endswith(HISTORY_SUFFIX) else _("admin")
        return f"{where}: {_model_name(name)}"
    return code


def _model_name(name: str) -> str:
    """The verbose name of the members model `name` (the admin pages that log readings)."""
    try:
        return str(apps.get_model("members", name)._meta.verbose_name)
    except LookupError:
        return name
