from .admission import (
    STAGE_ORDER,
    VOTE_STAGES,
    AdmissionCase,
    AdmissionRuleSet,
    AdmissionStep,
    IntroductionKind,
    Outcome,
    Stage,
)
from .audit import PersonReadLog
from .militia import MilitiaServiceRules
from .party import ExitKind, MemberRating, PartyRecord
from .people import (
    COLLEGE_OR_HIGHER,
    INTERMEDIATE_OR_HIGHER,
    CommandPost,
    GeneralEducation,
    MilitaryTraining,
    Person,
    Position,
    ServiceEndReason,
    ServiceRecord,
    Sex,
)

__all__ = [
    "COLLEGE_OR_HIGHER",
    "INTERMEDIATE_OR_HIGHER",
    "STAGE_ORDER",
    "VOTE_STAGES",
    "AdmissionCase",
    "AdmissionRuleSet",
    "AdmissionStep",
    "CommandPost",
    "ExitKind",
    "GeneralEducation",
    "IntroductionKind",
    "MemberRating",
    "MilitaryTraining",
    "MilitiaServiceRules",
    "Outcome",
    "PartyRecord",
    "Person",
    "PersonReadLog",
    "Position",
    "ServiceEndReason",
    "ServiceRecord",
    "Sex",
    "Stage",
]
