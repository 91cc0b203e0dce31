"""The one write path for readings of personal records (DOMAIN.md §8)."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from members.models import PersonReadLog

PURPOSE_LENGTH = PersonReadLog._meta.get_field("purpose").max_length


def person_reads_log(*, reader: AbstractBaseUser, person_ids: Iterable[int], purpose: str) -> None:
    """Record that `reader` read each person of `person_ids`, for `purpose`, in one insert."""
    PersonReadLog.objects.bulk_create(
        PersonReadLog(person_id=pk, reader=reader, purpose=purpose[:PURPOSE_LENGTH])
        for pk in person_ids
    )
