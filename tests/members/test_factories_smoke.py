from members.validators import validate_national_id
from tests.members.factories import PersonFactory


def test_person_factory_gives_a_structurally_valid_national_id(db):
    person = PersonFactory()
    validate_national_id(person.national_id, birth_date=person.birth_date, sex=person.sex)
