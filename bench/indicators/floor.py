"""One hand-written SQL query computing every stock indicator of an area's children at once.

This is the floor for computing on the fly: each source table is read once, the party
membership on the date is joined as a set rather than probed row by row, and all the counts
of a table come out of one grouped pass. Written for PostgreSQL.
"""

import datetime
import json

from django.db import connection

from reports.areas import Area, Level
from reports.indicators import Counts

# {key}: the child a commune row counts in; {where}: the communes of the area.
# The party members on the day, written out where used rather than as a shared CTE: a CTE read
# three times is materialised, and reading it keeps PostgreSQL from using parallel workers.
MEMBERS = """(SELECT DISTINCT person_id FROM members_partyrecord
    WHERE admitted_on <= %(day)s AND (exit_on IS NULL OR exit_on > %(day)s))"""

SQL = """
WITH valid AS (
    SELECT c.id, {key} AS k FROM units_commune c
    WHERE {where} AND (c.valid_from IS NULL OR c.valid_from <= %(day)s)
      AND (c.valid_to IS NULL OR c.valid_to >= %(day)s)
), service AS (
    SELECT {key} AS k,
        count(*) FILTER (WHERE s.force <> 'reserve') AS dqtv,
        count(m.person_id) FILTER (WHERE s.force <> 'reserve') AS dqtv_members,
        count(*) FILTER (WHERE s.force = 'militia') AS militia,
        count(m.person_id) FILTER (WHERE s.force = 'militia') AS militia_members,
        count(*) FILTER (WHERE s.force = 'self_defence') AS self_defence,
        count(m.person_id) FILTER (WHERE s.force = 'self_defence') AS self_defence_members,
        count(*) FILTER (WHERE s.force = 'reserve') AS reserve,
        count(m.person_id) FILTER (WHERE s.force = 'reserve') AS reserve_members,
        count(*) FILTER (WHERE s.category = 'officer') AS officers,
        count(m.person_id) FILTER (WHERE s.category = 'officer') AS officer_members,
        count(*) FILTER (WHERE s.force <> 'reserve'
            AND (c.valid_from IS NULL OR c.valid_from <= %(day)s)
            AND (c.valid_to IS NULL OR c.valid_to >= %(day)s)) AS dqtv_in_valid
    FROM members_servicerecord s
    JOIN units_commune c ON c.id = s.commune_id
    LEFT JOIN {members} m ON m.person_id = s.person_id
    WHERE {where} AND s.is_core AND s.start <= %(day)s AND (s."end" IS NULL OR s."end" >= %(day)s)
    GROUP BY 1
), population AS (
    SELECT v.k, sum(p.population) AS population FROM units_communepopulation p
    JOIN valid v ON v.id = p.commune_id WHERE p.year = %(year)s GROUP BY 1
), cells AS (
    SELECT {key} AS k, count(*) AS cells,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM units_cellcommitteeperiod cp
            WHERE cp.cell_id = x.id AND cp.start <= %(day)s
              AND (cp."end" IS NULL OR cp."end" >= %(day)s))) AS with_committee
    FROM units_militarypartycell x JOIN units_commune c ON c.id = x.commune_id
    WHERE {where} AND x.established_on <= %(day)s
      AND (x.dissolved_on IS NULL OR x.dissolved_on >= %(day)s)
    GROUP BY 1
), communes AS (
    SELECT v.k, count(*) AS communes,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM units_militarypartycell x
            WHERE x.commune_id = v.id AND x.established_on <= %(day)s
              AND (x.dissolved_on IS NULL OR x.dissolved_on >= %(day)s))) AS with_cell
    FROM valid v GROUP BY 1
), posts AS (
    SELECT {key} AS k,
        count(DISTINCT p.person_id) FILTER (WHERE p.position = 'commander') AS commanders,
        count(DISTINCT p.person_id) FILTER (WHERE p.position = 'commander'
            AND p.in_party_committee) AS commanders_on_committee,
        count(DISTINCT p.person_id) FILTER (WHERE p.position = 'deputy_commander') AS deputies,
        count(DISTINCT p.person_id) FILTER (WHERE p.position = 'deputy_commander'
            AND m.person_id IS NOT NULL) AS deputy_members,
        count(DISTINCT p.person_id) AS cadres,
        count(DISTINCT p.person_id) FILTER (WHERE h.military_training
            IN ('intermediate', 'college', 'university', 'postgraduate')) AS intermediate,
        count(DISTINCT p.person_id) FILTER (WHERE h.military_training
            IN ('college', 'university', 'postgraduate')) AS college
    FROM members_commandpost p
    JOIN units_communecommand cc ON cc.id = p.command_id
    JOIN units_commune c ON c.id = cc.commune_id
    JOIN members_person h ON h.id = p.person_id
    LEFT JOIN {members} m ON m.person_id = p.person_id
    WHERE {where} AND p.start <= %(day)s AND (p."end" IS NULL OR p."end" >= %(day)s)
    GROUP BY 1
), villages AS (
    SELECT {key} AS k, count(*) AS empty_villages FROM units_village v
    JOIN units_commune c ON c.id = v.commune_id
    WHERE {where} AND (v.valid_from IS NULL OR v.valid_from <= %(day)s)
      AND (v.valid_to IS NULL OR v.valid_to >= %(day)s)
      AND NOT EXISTS (SELECT 1 FROM {members} m JOIN members_person r ON r.id = m.person_id
                      WHERE r.residence_village_id = v.id)
    GROUP BY 1
)
-- Each part is read once, so PostgreSQL inlines it and may scan with parallel workers; the
-- parts come back as one JSON row per part and child.
SELECT 'service', to_jsonb(x) FROM service x
UNION ALL SELECT 'population', to_jsonb(x) FROM population x
UNION ALL SELECT 'cells', to_jsonb(x) FROM cells x
UNION ALL SELECT 'communes', to_jsonb(x) FROM communes x
UNION ALL SELECT 'posts', to_jsonb(x) FROM posts x
UNION ALL SELECT 'villages', to_jsonb(x) FROM villages x
"""

# Indicator code → (numerator column, denominator column or None for a count).
COLUMNS = {
    "party_share_dqtv": ("dqtv_members", "dqtv"),
    "party_share_militia": ("militia_members", "militia"),
    "party_share_self_defence": ("self_defence_members", "self_defence"),
    "party_share_reserve": ("reserve_members", "reserve"),
    "party_share_reserve_officers": ("officer_members", "officers"),
    "dqtv_population_share": ("dqtv_in_valid", "population"),
    "communes_with_military_cell": ("with_cell", "communes"),
    "military_cells_with_committee": ("with_committee", "cells"),
    "commanders_in_party_committee": ("commanders_on_committee", "commanders"),
    "deputy_commanders_party_members": ("deputy_members", "deputies"),
    "command_cadres_military_training": ("intermediate", "cadres"),
    "command_cadres_higher_education": ("college", "cadres"),
    "villages_without_party_members": ("empty_villages", None),
}


def statement(area: Area) -> tuple[str, dict]:
    """Return the query for `area`'s children (a commune counts as its own only child)."""
    key, where = {
        Level.NATION: ("c.province_id", "TRUE"),
        Level.PROVINCE: ("c.id", "c.province_id = %(pk)s"),
        Level.COMMUNE: ("c.id", "c.id = %(pk)s"),
    }[area.level]
    return SQL.format(key=key, where=where, members=MEMBERS), {"pk": area.pk}


def floor_counts(area: Area, on: datetime.date) -> dict[int | None, dict[str, Counts]]:
    """Run the query; return, per child key, every stock indicator's counts."""
    sql, params = statement(area)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "day": on, "year": on.year})
        parts = cursor.fetchall()
    rows: dict[int | None, dict] = {}
    for _part, text in parts:
        # Django's PostgreSQL backend hands JSON back undecoded (JSONField decodes it).
        columns = json.loads(text) if isinstance(text, str) else text
        rows.setdefault(columns["k"], {}).update(columns)
    return {child: _counts(row) for child, row in rows.items()}


def _counts(row: dict) -> dict[str, Counts]:
    """Read one child's columns as counts; a part without a row for the child counts zero."""
    return {
        code: Counts(row.get(num) or 0, None if den is None else row.get(den) or 0)
        for code, (num, den) in COLUMNS.items()
    }
