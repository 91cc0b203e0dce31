"""The figures the demo reproduces, each traced to its seed document (DOMAIN.md §7)."""

import datetime

from units.models import REFORM_DATE

PROVINCE_CODE = "20"  # legacy Lạng Sơn until 30 June 2025, and the current one from 1 July 2025
LEGACY_END = REFORM_DATE - datetime.timedelta(days=1)
EARLIEST_DATE = datetime.date(2020, 1, 1)
# The day the seed figures below hold. A demo built for a day after the reform builds its legacy
# history as of this day, then lives on to the demo date (`history.py`, `reform.py`).
SEED_DATE = datetime.date(2024, 12, 31)

# Districts and communes named by seed 002, by official code (names can be spelt differently).
CHI_LANG = "187"
CAO_LOC = "183"
TAN_THANH = "06442"  # Xã Tân Thành, Huyện Hữu Lũng: the seed places the cell in Hữu Lũng
HUU_KIEN = "06514"  # Xã Hữu Kiên, Huyện Chi Lăng, with thôn Thằm Nà
CHAU_SON = "06637"  # Xã Châu Sơn, Huyện Đình Lập: cell founded in March 2023
TAN_THANH_CELL_FOUNDED = datetime.date(2022, 6, 15)
CHAU_SON_CELL_FOUNDED = datetime.date(2023, 3, 20)
TAN_THANH_PRE_FORCE_MEMBERS = 3  # with its 5 command cadres: 8 members before the 2024 admission

# Seed 000: stock figures on the demo date.
MILITIA_CORE = 10_000
MILITIA_PARTY = 1_189  # 11.89 %
RESERVE_TOTAL = 6_000
RESERVE_PARTY = 350  # 5.83 %
RESERVE_OFFICERS = 240
RESERVE_OFFICER_PARTY = 110
RESERVE_PROFESSIONALS = 300
RESERVE_PROFESSIONAL_PARTY = 40
SELF_DEFENCE_CORE = 700
SELF_DEFENCE_PARTY = 168
DEPUTIES_NOT_MEMBERS = 34
COMMANDERS_OFF_COMMITTEE = 17
FORMER_MILITIA = 1_000

# Seed 002: DQTV admissions a year (200–300 before 2021, over 300 since).
DQTV_ADMISSIONS = {2019: 238, 2020: 276, 2021: 312, 2022: 321, 2023: 334, 2024: 327}
RESERVE_ADMISSIONS_PER_YEAR = 24
CHI_LANG_2023 = 22
CHI_LANG_EARLY_2024 = 5  # 22 + 5 = 27 from 1 Jan 2023 to 29 Feb 2024
CHI_LANG_REST_2024 = 14
CAO_LOC_DQTV_2023 = 20
CAO_LOC_ENTERPRISE_2023 = 7  # 27 admissions among militia and private-enterprise workers
TAN_THANH_ADMISSION = datetime.date(2024, 9, 17)
CELLS_2023_COMPLETED = 6  # 188 of 194 good or excellent: 97 %

OPEN_CASES_PER_STAGE = 12
STOPPED_CASES = 30
TRANSFERRED_CASES = 6

# After the seed date (demo assumptions, in line with seed 002's "over 300 a year since 2021"):
# DQTV admissions in each whole year, those after the demo date not yet made.
DQTV_ADMISSIONS_AFTER = {2025: 318, 2026: 326}
DQTV_ADMISSIONS_LATER = 330  # each year after those
TERM_YEARS = 4  # Law 48/2019, art. 8: a 4-year term (standing militia 2), extendable by 2
STANDING_TERM_YEARS = 2
EXTENDED_SHARE = 0.5  # of members whose term is extended (by 1 or 2 years)
LAST_BIRTHDAY = {"male": 46, "female": 41}  # serving until the day before (ages 18-45, 18-40)
# Recruits who joined the Party before (in the army, at work): in agencies and enterprises,
# self-defence takes in many members.
RECRUIT_PARTY_SHARE = {"militia": 0.08, "self_defence": 0.3}
# The current era: a commune military cell in most current communes, a few founded later.
CURRENT_COMMUNES_WITHOUT_CELL = 3
CURRENT_LATE_CELLS = 5
# Commune commanders are regular officers appointed by the Military Region from 2026
# (Law 98/2025, DOMAIN.md §4): each command gets one early in the year.
OFFICER_COMMANDERS_FROM = datetime.date(2026, 1, 1)
