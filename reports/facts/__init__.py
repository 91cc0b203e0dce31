"""Indicator facts: who serves, who is a party member among them and who was admitted, kept
current by the database itself so that any area on any date reads in milliseconds.

Design (issue 10):

- One table, `reports.IndicatorFact`. Each row counts, for one *child* of one *parent* (the
  nation's provinces, a province's communes, a commune's force units), one force and one
  category, four counters: core members serving, the party members among them, those serving
  in a commune valid on the day, and admissions falling inside a core service record.
- A row is a change on a day (kind "d"), the sum of the changes of a month (kind "m"), or the
  total of all changes before 1 January of a year (kind "y", for the years of
  `reports.FactYear`). The total on day D is therefore the year's opening total plus the
  months before D's month plus the days of D's month up to D: at most 1 + 11 + 31 rows per
  child, force and category, whatever the date and the size of the history.
- Every write changes the facts in its own transaction, through database triggers
  (`reports.facts.sql` writes them for PostgreSQL, set-based per statement with transition
  tables, and for SQLite, per row), so services, roster imports (COPY included), the admin,
  the demo and the dataset generator need nothing of their own, and there is no lag.
- A change is computed from intervals: a core service record (of the reserve, one assigned to
  a mobilisation unit) adds one person from its start to
  the day after its end; the overlap of a core record and a party record of the same person
  adds one party member; the overlap of a record and its commune's validity adds one person
  "in a valid commune"; a party record admitted inside a core record adds one admission on the
  decision date. Each pair is added when its second row arrives and removed when its first row
  goes, so the triggers of either table keep the pair counted exactly once.
- `rebuild_indicator_facts` recomputes the table from scratch and verifies it against the
  live computation (`reports.indicators`, which stays the reference).

What reads facts and what stays on the fly is said in `reports.indicators` (see
`Definition.reads_facts`).
"""
