"""`create_account`: each role created with its area and flags; each bad call refused, no user."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from tests.units.factories import LEGACY_END, CommuneFactory, ProvinceFactory

ON = "2026-03-01"  # options are given as on the command line: text
PASSWORD = "Quân-sự 2026!"


@pytest.fixture
def password(monkeypatch) -> str:
    monkeypatch.setenv("ACCOUNT_PASSWORD", PASSWORD)
    return "ACCOUNT_PASSWORD"


@pytest.fixture
def commune(db):
    return CommuneFactory(code="06160", province=ProvinceFactory(code="20"))


def create(username: str, password_env: str = "ACCOUNT_PASSWORD", **options) -> User:
    call_command("create_account", username, password_env=password_env, date=ON, **options)
    return User.objects.get(username=username)


def refuse(*args, **options) -> CommandError:
    """Run a call that must be refused; check that no user was written either."""
    before = User.objects.count()
    with pytest.raises(CommandError) as refusal:
        call_command("create_account", *args, **options)
    assert User.objects.count() == before
    return refusal.value


def codes(refusal: CommandError) -> dict[str, list[str]]:
    """The service's error codes by field, from the ValidationError behind the refusal."""
    cause = refusal.__cause__
    assert isinstance(cause, ValidationError)
    return {field: [error.code for error in errors] for field, errors in cause.error_dict.items()}


def test_national_admin_is_a_superuser_without_area(db, password):
    user = create("quantri", role="national_admin")
    assert (user.role, user.province, user.commune) == (Role.NATIONAL_ADMIN, None, None)
    assert user.is_superuser and user.is_staff


def test_provincial_staff_gets_the_province_and_no_admin(commune, password):
    user = create("tinh", role="provincial_staff", area="20")
    assert (user.role, user.province, user.commune) == (
        Role.PROVINCIAL_STAFF,
        commune.province,
        None,
    )
    assert not user.is_staff and not user.is_superuser


def test_commune_cadre_gets_the_commune_and_no_admin(commune, password):
    user = create("xa", role="commune_cadre", area="06160")
    assert (user.role, user.province, user.commune) == (Role.COMMUNE_CADRE, None, commune)
    assert not user.is_staff and not user.is_superuser


def test_aggregate_client_gets_the_province(commune, password):
    user = create("bi", role="aggregate_client", area="20")
    assert (user.role, user.province, user.commune) == (
        Role.AGGREGATE_CLIENT,
        commune.province,
        None,
    )
    assert not user.is_staff and not user.is_superuser


def test_staff_flag_lets_a_commune_cadre_into_the_admin(commune, password):
    user = create("xa", role="commune_cadre", area="06160", staff=True)
    assert user.is_staff and not user.is_superuser


def test_password_from_the_environment_is_set(commune, password):
    assert create("xa", role="commune_cadre", area="06160").check_password(PASSWORD)


def test_prompted_password_is_asked_twice_and_set(commune, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_account", "xa", role="commune_cadre", area="06160", date=ON)
    assert User.objects.get(username="xa").check_password(PASSWORD)


def test_area_code_is_read_at_the_date_given(db, password):
    # The 2025 reform reused province code 80: Long An until 30 June, Tây Ninh from 1 July.
    long_an = ProvinceFactory(code="80", valid_from=None, valid_to=LEGACY_END)
    ProvinceFactory(code="80")
    call_command(
        "create_account",
        "tinh",
        role="provincial_staff",
        area="80",
        date=LEGACY_END.isoformat(),
        password_env=password,
    )
    assert User.objects.get(username="tinh").province == long_an


def test_area_code_is_read_today_without_a_date(db, password):
    ProvinceFactory(code="80", valid_from=None, valid_to=LEGACY_END)
    tay_ninh = ProvinceFactory(code="80")
    call_command(
        "create_account", "tinh", role="provincial_staff", area="80", password_env=password
    )
    assert User.objects.get(username="tinh").province == tay_ninh


REFUSALS = {
    "unknown role": ({"role": "boss", "area": "20"}, "--role", {"role": ["unknown_role"]}),
    "national admin with an area": (
        {"role": "national_admin", "area": "20"},
        "--area",
        {"area": ["area_not_allowed"]},
    ),
    "provincial staff without area": (
        {"role": "provincial_staff"},
        "--area",
        {"area": ["area_required"]},
    ),
    "commune cadre without area": (
        {"role": "commune_cadre"},
        "--area",
        {"area": ["area_required"]},
    ),
    "aggregate client without area": (
        {"role": "aggregate_client"},
        "--area",
        {"area": ["area_required"]},
    ),
    "unknown province code": (
        {"role": "provincial_staff", "area": "21"},
        "--area",
        {"area": ["unknown_area"]},
    ),
    "unknown commune code": (
        {"role": "commune_cadre", "area": "06161"},
        "--area",
        {"area": ["unknown_area"]},
    ),
    "province code not yet valid on the date": (
        {"role": "provincial_staff", "area": "20", "date": LEGACY_END.isoformat()},
        "--area",
        {"area": ["unknown_area"]},
    ),
    "commune code for provincial staff": (
        {"role": "provincial_staff", "area": "06160"},
        "--area",
        {"area": ["wrong_level"]},
    ),
    "commune code for an aggregate client": (
        {"role": "aggregate_client", "area": "06160"},
        "--area",
        {"area": ["wrong_level"]},
    ),
    "province code for a commune cadre": (
        {"role": "commune_cadre", "area": "20"},
        "--area",
        {"area": ["wrong_level"]},
    ),
    "admin access for an aggregate client": (
        {"role": "aggregate_client", "area": "20", "staff": True},
        "--staff",
        {"staff": ["staff_not_allowed"]},
    ),
}


@pytest.mark.parametrize(("options", "argument", "expected"), REFUSALS.values(), ids=REFUSALS)
def test_bad_arguments_are_refused_naming_the_argument(
    commune, password, options, argument, expected
):
    refusal = refuse("someone", password_env=password, **{"date": ON, **options})
    assert str(refusal).startswith(f"{argument}: ")
    assert codes(refusal) == expected


def test_existing_username_is_refused(commune, password):
    create("xa", role="commune_cadre", area="06160")
    refusal = refuse("xa", role="provincial_staff", area="20", date=ON, password_env=password)
    assert str(refusal).startswith("USERNAME: ")
    assert codes(refusal) == {"username": ["unique"]}


def test_empty_password_is_refused(commune, monkeypatch):
    monkeypatch.setenv("ACCOUNT_PASSWORD", "")
    refusal = refuse("xa", role="commune_cadre", area="06160", password_env="ACCOUNT_PASSWORD")
    assert codes(refusal) == {"password": ["password_required"]}


def test_weak_password_is_refused_with_the_validators_messages(commune, monkeypatch):
    monkeypatch.setenv("ACCOUNT_PASSWORD", "1234")
    refusal = refuse("xa", role="commune_cadre", area="06160", password_env="ACCOUNT_PASSWORD")
    assert str(refusal).startswith("--password-env: ")
    assert set(codes(refusal)["password"]) == {
        "password_too_short",
        "password_too_common",
        "password_entirely_numeric",
    }


def test_missing_password_variable_is_refused(commune, monkeypatch):
    monkeypatch.delenv("ACCOUNT_PASSWORD", raising=False)
    refusal = refuse("xa", role="commune_cadre", area="06160", password_env="ACCOUNT_PASSWORD")
    assert "ACCOUNT_PASSWORD" in str(refusal)
    assert str(refusal).startswith("--password-env: ")


def test_prompted_passwords_that_differ_are_refused(commune, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    refusal = refuse("xa", role="commune_cadre", area="06160")
    assert str(refusal).startswith("password: ")


def test_bad_arguments_are_refused_before_the_password_prompt(commune, monkeypatch):
    def no_prompt(prompt):
        raise AssertionError("asked for a password")

    monkeypatch.setattr("getpass.getpass", no_prompt)
    refusal = refuse("xa", role="commune_cadre", area="99999")
    assert codes(refusal) == {"area": ["unknown_area"]}


def test_bad_date_is_refused(commune, password):
    refusal = refuse(
        "xa", role="commune_cadre", area="06160", date="2026-02-30", password_env=password
    )
    assert str(refusal).startswith("--date: ")
