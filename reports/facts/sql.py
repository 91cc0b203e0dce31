"""The SQL that turns written rows into fact changes, for PostgreSQL and SQLite alike.

One description of the events (`service_events`, `party_events`, `commune_events`) renders in
either dialect; the triggers and the rebuild wrap the same statements, so the facts have one
definition. SQLite triggers cannot use WITH, so there the events are inlined where PostgreSQL
names them once.
"""

from dataclasses import dataclass

from units.models import ReserveCategory

FIRST_YEAR = 1900
# Totals are kept on 1 January up to this year; a later date still reads exactly, from the
# last total and the months after it (raise it, migrate and rebuild when that gets long).
LAST_YEAR = 2030

FACT_TABLE = "reports_indicatorfact"
YEAR_TABLE = "reports_factyear"
KEY = ("level", "parent", "kind", "at", "child", "force", "category")
COUNTERS = ("people", "members", "valid", "admitted")
GROUP = "level, parent, child, force, category"

# The facts keep only the categories an indicator tells apart (reserve officers); every other
# category is "". Four times fewer rows to add up per report; an indicator by another category
# would add it here (and a migration would rebuild the facts).
KEPT_CATEGORIES = (str(ReserveCategory.OFFICER.value),)
CATEGORY = (
    "CASE WHEN s.category IN ("
    + ", ".join(f"'{c}'" for c in KEPT_CATEGORIES)
    + ") THEN s.category ELSE '' END"
)

SERVICE_COLUMNS = (
    "id",
    "person_id",
    "force",
    "category",
    "is_core",
    "unassigned",
    "commune_id",
    "unit_id",
)
# The service records the facts count: the core force, and of the reserve only those assigned
# to a mobilisation unit (no militia or self-defence record is "unassigned").
COUNTED = "s.is_core AND NOT s.unassigned"
SERVICE_DATES = ("start", '"end"')
PARTY_COLUMNS = ("id", "person_id", "admitted_on", "exit_on")
COMMUNE_COLUMNS = ("id", "province_id", "valid_from", "valid_to")


@dataclass(frozen=True)
class Dialect:
    vendor: str

    @property
    def pg(self) -> bool:
        return self.vendor == "postgresql"

    def next_day(self, day: str) -> str:
        return f"({day} + 1)" if self.pg else f"date({day}, '+1 day')"

    def later(self, a: str, b: str) -> str:
        """The later of two days, neither NULL."""
        return f"GREATEST({a}, {b})" if self.pg else f"max({a}, {b})"

    def earlier_end(self, a: str, b: str) -> str:
        """The earlier of two exclusive ends where NULL means 'never': NULL only if both are."""
        least = "LEAST" if self.pg else "min"
        return f"{least}(COALESCE({a}, {b}), COALESCE({b}, {a}))"

    def month_start(self, day: str) -> str:
        return f"date_trunc('month', {day})::date" if self.pg else f"strftime('%Y-%m-01', {day})"

    def year(self, day: str) -> str:
        return (
            f"extract(year from {day})::int"
            if self.pg
            else f"CAST(strftime('%Y', {day}) AS INTEGER)"
        )


def _interval(
    d: Dialect, *, source: str, where: str, start: str, end: str, counter: str, sign: int
) -> list[str]:
    """Return the SELECTs adding `sign` to `counter` on `start` and taking it off on `end`
    (exclusive, NULL for never), for the service rows `s` of `source` where the interval is
    not empty."""

    def event(day: str, value: int, extra: str = "") -> str:
        counters = ", ".join(f"{value if c == counter else 0} AS {c}" for c in COUNTERS)
        return (
            f"SELECT s.commune_id, s.unit_id, s.force, {CATEGORY} AS category, {day} AS day, "
            f"{counters} "
            f"FROM {source} WHERE {where} AND ({end} IS NULL OR {start} < {end}){extra}"
        )

    return [event(start, sign), event(end, -sign, f" AND {end} IS NOT NULL")]


def _admission(source: str, where: str, sign: int) -> str:
    counters = ", ".join(f"{sign if c == 'admitted' else 0} AS {c}" for c in COUNTERS)
    return (
        f"SELECT s.commune_id, s.unit_id, s.force, {CATEGORY} AS category, "
        f"p.admitted_on AS day, {counters} "
        f"FROM {source} WHERE {where} AND p.admitted_on >= s.start "
        f'AND (s."end" IS NULL OR p.admitted_on <= s."end")'
    )


def _pairs(d: Dialect, source: str, where: str, sign: int) -> list[str]:
    """Party members and admissions from the pairs (core record `s`, party record `p`)."""
    member = _interval(
        d,
        source=source,
        where=where,
        start=d.later("s.start", "p.admitted_on"),
        end=d.earlier_end(d.next_day('s."end"'), "p.exit_on"),
        counter="members",
        sign=sign,
    )
    return [*member, _admission(source, where, sign)]


def _valid(d: Dialect, source: str, where: str, sign: int) -> list[str]:
    """People serving in a commune valid on the day, from the pairs (record `s`, commune `c`)."""
    return _interval(
        d,
        source=source,
        where=where,
        start=d.later("s.start", "COALESCE(c.valid_from, s.start)"),
        end=d.earlier_end(d.next_day('s."end"'), d.next_day("c.valid_to")),
        counter="valid",
        sign=sign,
    )


def service_events(d: Dialect, services: str, sign: int) -> list[str]:
    """The changes made by adding (`sign` 1) or removing (-1) the service rows `services`."""
    people = _interval(
        d,
        source=f"{services} s",
        where=COUNTED,
        start="s.start",
        end=d.next_day('s."end"'),
        counter="people",
        sign=sign,
    )
    commune = f"{services} s JOIN units_commune c ON c.id = s.commune_id"
    party = f"{services} s JOIN members_partyrecord p ON p.person_id = s.person_id"
    return [*people, *_valid(d, commune, COUNTED, sign), *_pairs(d, party, COUNTED, sign)]


def party_events(d: Dialect, parties: str, sign: int) -> list[str]:
    """The changes made by adding or removing the party rows `parties`."""
    source = f"{parties} p JOIN members_servicerecord s ON s.person_id = p.person_id"
    return _pairs(d, source, COUNTED, sign)


def commune_events(d: Dialect, communes: str, sign: int) -> list[str]:
    """The changes in 'serving in a valid commune' made by a commune's validity."""
    source = f"{communes} c JOIN members_servicerecord s ON s.commune_id = c.id"
    return _valid(d, source, COUNTED, sign)


def by_level(events: list[str]) -> str:
    """Spread each change over the three levels: province in the nation, commune in its
    province, unit in its commune."""
    union = " UNION ALL ".join(events)
    return (
        "SELECT l.column1 AS level, "
        "CASE l.column1 WHEN 1 THEN 0 WHEN 2 THEN cc.province_id ELSE e.commune_id END AS parent, "
        "CASE l.column1 WHEN 1 THEN cc.province_id WHEN 2 THEN e.commune_id "
        "ELSE COALESCE(e.unit_id, 0) END AS child, "
        "e.force, e.category, e.day, e.people, e.members, e.valid, e.admitted "
        f"FROM ({union}) e JOIN units_commune cc ON cc.id = e.commune_id "
        "CROSS JOIN (VALUES (1), (2), (3)) l"
    )


def _sums(prefix: str = "") -> str:
    return ", ".join(f"SUM({prefix}{c}) AS {c}" for c in COUNTERS)


NONZERO = " OR ".join(f"{c} <> 0" for c in COUNTERS)
# The rebuild writes rows in the order reports read them (one parent's rows of one kind over a
# range of dates), so that a report reads a few table pages rather than one page per row.
READ_ORDER = "ORDER BY level, parent, kind, at"


def rebuild_days(levels: str) -> str:
    """The day rows of `levels` (see `by_level`), inserted into facts holding none of their
    keys yet."""
    return (
        f"INSERT INTO {FACT_TABLE} ({GROUP}, kind, at, {', '.join(COUNTERS)}) "
        f"SELECT {GROUP}, 'd' AS kind, day AS at, {_sums()} FROM ({levels}) lev "
        f"GROUP BY {GROUP}, day HAVING {' OR '.join(f'SUM({c}) <> 0' for c in COUNTERS)} "
        f"{READ_ORDER}"
    )


def rebuild_months(d: Dialect) -> str:
    """Each month row is the sum of that month's day rows."""
    month = d.month_start("at")
    return (
        f"INSERT INTO {FACT_TABLE} ({GROUP}, kind, at, {', '.join(COUNTERS)}) "
        f"SELECT {GROUP}, 'm' AS kind, {month} AS at, {_sums()} FROM {FACT_TABLE} "
        "WHERE kind = 'd' "
        f"GROUP BY {GROUP}, {month} {READ_ORDER}"
    )


def rebuild_years(d: Dialect) -> str:
    """Each year row is the running sum of the years before it, for every year from the
    group's first to LAST_YEAR (a missing row would read as zero)."""
    columns = GROUP.split(", ")
    same_group = " AND ".join(f"n.{c} = g.{c}" for c in columns)
    partition = ", ".join(f"g.{c}" for c in columns)
    running = ", ".join(
        f"SUM(COALESCE(n.{c}, 0)) OVER (PARTITION BY {partition} ORDER BY y.year) AS {c}"
        for c in COUNTERS
    )
    nets = (
        f"SELECT {GROUP}, {d.year('at')} AS yr, {_sums()} FROM {FACT_TABLE} "
        f"WHERE kind = 'm' GROUP BY {GROUP}, {d.year('at')}"
    )
    return (
        f"WITH nets AS ({nets}), "
        f"firsts AS (SELECT {GROUP}, MIN(yr) AS first FROM nets GROUP BY {GROUP}) "
        f"INSERT INTO {FACT_TABLE} ({GROUP}, kind, at, {', '.join(COUNTERS)}) "
        f"SELECT * FROM (SELECT {partition}, 'y' AS kind, "
        f"y.starts_on AS at, {running} FROM firsts g JOIN {YEAR_TABLE} y ON y.year > g.first "
        f"LEFT JOIN nets n ON {same_group} AND n.yr = y.year - 1) f WHERE {NONZERO} "
        f"{READ_ORDER}"
    )


def apply(d: Dialect, levels: str) -> str:
    """Return one statement adding the rows `levels` (`by_level`) to the facts
    as day, month and year rows (the triggers' statement; the rebuild builds the same rows in
    three steps)."""
    rows = "lev" if d.pg else f"({levels}) lev_"
    month = d.month_start("day")
    statement = (
        f"INSERT INTO {FACT_TABLE} ({GROUP}, kind, at, {', '.join(COUNTERS)}) "
        f"SELECT * FROM ("
        f"SELECT {GROUP}, 'd' AS kind, day AS at, {_sums()} FROM {rows} GROUP BY {GROUP}, day "
        f"UNION ALL SELECT {GROUP}, 'm', {month}, {_sums()} FROM {rows} GROUP BY {GROUP}, {month} "
        f"UNION ALL SELECT e.level, e.parent, e.child, e.force, e.category, 'y', y.starts_on, "
        f"{_sums('e.')} FROM (SELECT {GROUP}, {d.year('day')} AS yr, {_sums()} FROM {rows} "
        f"GROUP BY {GROUP}, {d.year('day')}) e JOIN {YEAR_TABLE} y ON y.year > e.yr "
        f"GROUP BY e.level, e.parent, e.child, e.force, e.category, y.starts_on"
        f") f WHERE {NONZERO}"
    )
    updates = ", ".join(f"{c} = {FACT_TABLE}.{c} + excluded.{c}" for c in COUNTERS)
    statement += f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}"
    return f"WITH lev AS ({levels}) {statement}" if d.pg else statement
