"""Demo people: Vietnamese names, plausible birth dates and structurally valid national IDs."""

import datetime

from members.models import GeneralEducation, MilitaryTraining, Person, Sex
from members.validators import century_sex_digit
from units.models import Commune, Village

from .calendar import add_years
from .context import DemoContext

# Lạng Sơn is mostly Nùng, Tày and Kinh; Tày and Nùng surnames lead the local lists.
ETHNICITIES = [("Nùng", 42), ("Tày", 35), ("Kinh", 16), ("Dao", 4), ("Hoa", 1), ("Sán Chay", 2)]
LOCAL_SURNAMES = ["Hoàng", "Nông", "Lương", "Vi", "Lăng", "Lộc", "Hà", "Lục", "Chu", "Mông"]
LOCAL_SURNAMES += ["Triệu", "Lý", "Dương", "Hứa", "Đinh", "La", "Nguyễn", "Hoàng", "Nông"]
MALE_MIDDLE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Tiến"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Hồng", "Minh", "Thanh"]
BIRTH_PROVINCES = ["020"] * 17 + ["019", "024", "004", "001", "006"]
EDUCATION = [GeneralEducation.LOWER_SECONDARY] * 5 + [GeneralEducation.UPPER_SECONDARY] * 5


def full_name(ctx: DemoContext, sex: str) -> str:
    """Return a name: surname, middle name and given name, from Faker and local surnames."""
    fake, rng = ctx.faker, ctx.rng
    surname = rng.choice(LOCAL_SURNAMES) if rng.random() < 0.6 else fake.last_name()
    if sex == Sex.MALE:
        return f"{surname} {rng.choice(MALE_MIDDLE)} {fake.first_name_male()}"
    return f"{surname} {rng.choice(FEMALE_MIDDLE)} {fake.first_name_female()}"


def national_id(ctx: DemoContext, *, birth_date: datetime.date, sex: str) -> str:
    """Return a unique ID: birth province, century and sex, birth year, serial."""
    prefix = ctx.rng.choice(BIRTH_PROVINCES)
    digit = century_sex_digit(birth_date=birth_date, sex=sex)
    return f"{prefix}{digit}{birth_date.year % 100:02d}{ctx.serials.pop():06d}"


def birth_for_age(ctx: DemoContext, on: datetime.date, low: int, high: int) -> datetime.date:
    """Return a birth date making the person `low` to `high` years old (inclusive) `on` a day."""
    earliest = add_years(on, -(high + 1)) + datetime.timedelta(days=2)
    latest = add_years(on, -low) - datetime.timedelta(days=1)
    return earliest + datetime.timedelta(days=ctx.rng.randint(0, (latest - earliest).days))


def new_person(
    ctx: DemoContext,
    *,
    commune: Commune,
    birth_date: datetime.date,
    sex: str,
    village: Village | None = None,
    training: str = MilitaryTraining.NONE,
) -> Person:
    """Make an unsaved person living in `commune` and queue it for writing."""
    rng = ctx.rng
    ethnicity = rng.choices([e for e, _ in ETHNICITIES], [w for _, w in ETHNICITIES])[0]
    person = Person(
        full_name=full_name(ctx, sex),
        birth_date=birth_date,
        sex=sex,
        national_id=national_id(ctx, birth_date=birth_date, sex=sex),
        ethnicity=ethnicity,
        general_education=rng.choice(EDUCATION),
        military_training=training,
        residence_commune=commune,
        residence_village=village,
    )
    ctx.rows.persons.append(person)
    return person


def pick_sex(ctx: DemoContext, female_share: float) -> str:
    """Return female with probability `female_share`, else male."""
    return Sex.FEMALE if ctx.rng.random() < female_share else Sex.MALE


def home_village(ctx: DemoContext, commune: Commune, *, member: bool) -> Village | None:
    """Return a village of `commune`; party members never live in the memberless villages."""
    villages = ctx.villages.get(commune.pk, [])
    if member:
        villages = [v for v in villages if v.pk not in ctx.memberless_villages]
    return ctx.rng.choice(villages) if villages else None
