"""Django's own messages whose Vietnamese Django's catalogue lacks, named here for makemessages.

Django 5.2 changed the minimum-length validator's message from `%(min_length)d` to `%d`;
its Vietnamese catalogue still holds only the old message, so the new one showed in English.
Marked here, the message is extracted into locale/ (listed first in LOCALE_PATHS, so our
Vietnamese wins). Nothing imports this module: extraction reads the source.
"""

from django.utils.translation import ngettext_lazy

MISSING_FROM_DJANGO_VI = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
