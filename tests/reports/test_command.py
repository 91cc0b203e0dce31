"""Commune military commands: commanders, deputies and command cadres' training."""

import datetime

from members.models import MilitaryTraining, Position
from reports.indicators import Counts
from targets.indicators import Indicator
from tests.members.factories import CommandPostFactory, PersonFactory
from tests.units.factories import CommuneCommandFactory, VillageFactory

from .conftest import DAY, admit, compute

ONE_DAY = datetime.timedelta(days=1)


def hold(command, position=Position.COMMANDER, *, training=MilitaryTraining.NONE, **post):
    """Put a new person living in the command's commune into a post."""
    person = PersonFactory(residence_commune=command.commune, military_training=training)
    return CommandPostFactory(person=person, command=command, position=position, **post)


def test_commanders_on_the_party_committee(communes, province_of):
    hold(CommuneCommandFactory(commune=communes[0]), in_party_committee=True)
    hold(CommuneCommandFactory(commune=communes[1]), in_party_committee=False)
    counts = compute(Indicator.COMMANDERS_IN_PARTY_COMMITTEE, province_of)
    assert counts == Counts(1, 2)


def test_commander_whose_post_ended_the_day_before_does_not_count(commune, commune_of):
    hold(CommuneCommandFactory(commune=commune), end=DAY - ONE_DAY, in_party_committee=True)
    counts = compute(Indicator.COMMANDERS_IN_PARTY_COMMITTEE, commune_of)
    assert counts == Counts(0, 0)


def test_commander_whose_post_ends_on_the_date_counts(commune, commune_of):
    hold(CommuneCommandFactory(commune=commune), end=DAY, in_party_committee=True)
    counts = compute(Indicator.COMMANDERS_IN_PARTY_COMMITTEE, commune_of)
    assert counts == Counts(1, 1)


def test_deputy_commanders_who_are_party_members(commune, commune_of):
    command = CommuneCommandFactory(commune=commune)
    admit(hold(command, Position.DEPUTY_COMMANDER).person)
    hold(command, Position.DEPUTY_COMMANDER)
    admit(hold(command, Position.COMMANDER).person)
    counts = compute(Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS, commune_of)
    assert counts == Counts(1, 2)


def test_deputy_admitted_after_the_date_is_not_yet_a_member(commune, commune_of):
    admit(
        hold(CommuneCommandFactory(commune=commune), Position.DEPUTY_COMMANDER).person,
        DAY + ONE_DAY,
    )
    counts = compute(Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS, commune_of)
    assert counts == Counts(0, 1)


def command_with_every_training(commune):
    command = CommuneCommandFactory(commune=commune)
    hold(command, Position.COMMANDER, training=MilitaryTraining.UNIVERSITY)
    hold(command, Position.POLITICAL_COMMISSAR, training=MilitaryTraining.COLLEGE)
    hold(command, Position.DEPUTY_COMMANDER, training=MilitaryTraining.INTERMEDIATE)
    hold(command, Position.ASSISTANT, training=MilitaryTraining.ELEMENTARY)
    hold(command, Position.DEPUTY_COMMISSAR, training=MilitaryTraining.NONE)
    hold(command, Position.ASSISTANT, training=MilitaryTraining.POSTGRADUATE, end=DAY - ONE_DAY)


def test_command_cadres_with_intermediate_or_higher_training(commune, commune_of):
    command_with_every_training(commune)
    counts = compute(Indicator.COMMAND_CADRES_MILITARY_TRAINING, commune_of)
    assert counts == Counts(3, 5)


def test_command_cadres_with_college_or_higher_training(commune, commune_of):
    command_with_every_training(commune)
    counts = compute(Indicator.COMMAND_CADRES_HIGHER_EDUCATION, commune_of)
    assert counts == Counts(2, 5)


def test_village_militia_leaders_are_not_command_cadres(commune, commune_of):
    command = CommuneCommandFactory(commune=commune)
    hold(command, Position.COMMANDER, training=MilitaryTraining.UNIVERSITY)
    hold(
        command,
        Position.VILLAGE_MILITIA_LEADER,
        training=MilitaryTraining.UNIVERSITY,
        village=VillageFactory(commune=commune),
    )
    assert compute(Indicator.COMMAND_CADRES_HIGHER_EDUCATION, commune_of) == Counts(1, 1)
