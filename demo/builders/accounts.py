"""One demo login per role, with a fixed password printed at the end."""

from accounts.models import Role, User
from units.models import Commune, Province

# (username, password, role): demo passwords are fixed so that a demo can be scripted.
LOGINS = [
    ("demo_admin", "demo-admin-2024", Role.NATIONAL_ADMIN),
    ("demo_tinh", "demo-tinh-2024", Role.PROVINCIAL_STAFF),
    ("demo_xa", "demo-xa-2024", Role.COMMUNE_CADRE),
    ("demo_api", "demo-api-2024", Role.AGGREGATE_CLIENT),
]

PROVINCE_ROLES = (Role.PROVINCIAL_STAFF, Role.AGGREGATE_CLIENT)


def build_logins(province: Province, commune: Commune) -> list[tuple[str, str, str]]:
    """Create the demo users afresh; return (username, password, role label) for each."""
    delete_logins()
    for username, password, role in LOGINS:
        user = User(
            username=username,
            role=role,
            is_superuser=role == Role.NATIONAL_ADMIN,
            is_staff=role != Role.AGGREGATE_CLIENT,
            # The aggregate client reads the province's summaries, as provincial staff do.
            province=province if role in PROVINCE_ROLES else None,
            commune=commune if role == Role.COMMUNE_CADRE else None,
        )
        user.set_password(password)
        user.save()
    return [(username, password, str(Role(role).label)) for username, password, role in LOGINS]


def delete_logins() -> None:
    """Delete the demo users."""
    User.objects.filter(username__in=[username for username, _, _ in LOGINS]).delete()
