"""Vietnamese formats as commune cadres write them: 05/06/2024 is 5 June, 1.189,5 a number.

Django's own `vi` formats show dates as 05-06-2024 and accept no Vietnamese input form, so a
date typed as 05/06/2024 would be read the American way. These override them.
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
MONTH_DAY_FORMAT = "d/m"
YEAR_MONTH_FORMAT = "m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
