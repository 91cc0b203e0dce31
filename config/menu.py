"""The main menu: each app adds its entries here, shown only to users who hold the permission."""

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (URL name, label, permission needed); an entry whose URL does not exist yet is left out.
# An entry is current on its own page and below it; SECTIONS widens that to a whole section.
MENU = [
    ("members:my_commune", _("My commune"), "has_commune"),
    ("members:person_list", _("People"), "members.view_person"),
    ("members:case_list", _("Admissions"), "members.view_admissioncase"),
    ("members:roster_import", _("Roster import"), "members.add_person"),
    ("reports:dashboard", _("Indicators"), "accounts.view_aggregates"),
    ("targets:directive_list", _("Directives"), "targets.view_directive"),
    ("audit:changes", _("Audit"), "accounts.read_audit"),
    ("admin:index", _("Administration"), "is_staff"),
]
SECTIONS = {"audit:changes": "/audit/"}


def main_menu(request: HttpRequest) -> dict:
    """Add the menu entries the signed-in user may open to every template."""
    user = request.user
    if not user.is_authenticated:
        return {"main_menu": []}
    items = []
    for name, label, permission in MENU:
        allowed = _allowed(user, permission)
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if allowed:
            current = request.path.startswith(SECTIONS.get(name, url))
            items.append({"url": url, "label": label, "active": current})
    return {"main_menu": items}


def _allowed(user: object, permission: str) -> bool:
    """Tell whether `user` may open a menu entry; "My commune" is for those who have one."""
    if permission == "is_staff":
        return user.is_staff
    if permission == "has_commune":
        return bool(user.commune_id) and user.has_perm("members.view_person")
    return user.has_perm(permission)
