"""The administrative units the dataset is spread over, read once from the database."""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from units.models import REFORM_DATE, Commune, CommuneLineage


@dataclass
class Scope:
    """Current communes (with weights), their provinces and their legacy predecessors.

    `weights` are cumulative, for `random.choices`: a commune's share of people and population.
    """

    communes: list[int]
    names: dict[int, str]
    province_of: dict[int, int]
    by_province: dict[int, list[int]]
    predecessors: dict[int, list[int]]
    legacy: list[int]
    legacy_names: dict[int, str]
    weights: list[float] = field(default_factory=list)

    def weigh(self, rng: random.Random) -> None:
        """Give each commune a lognormal size, so that some are large and many are small."""
        total = 0.0
        for _commune in self.communes:
            total += rng.lognormvariate(0, 0.5)
            self.weights.append(total)

    def share(self, index: int) -> float:
        """Return the fraction of the whole that the commune at `index` weighs."""
        previous = self.weights[index - 1] if index else 0.0
        return (self.weights[index] - previous) / self.weights[-1]


def load_scope() -> Scope:
    """Read the current communes and, through the 2025 lineage, their legacy predecessors."""
    current = Commune.objects.valid_on(REFORM_DATE).order_by("code")
    rows = list(current.values_list("pk", "name", "province_id"))
    by_province: dict[int, list[int]] = defaultdict(list)
    for pk, _name, province in rows:
        by_province[province].append(pk)
    predecessors: dict[int, list[int]] = defaultdict(list)
    links = CommuneLineage.objects.filter(effective_on=REFORM_DATE).order_by("predecessor_id")
    for before, after in links.values_list("predecessor_id", "successor_id"):
        predecessors[after].append(before)
    legacy = Commune.objects.filter(valid_to__lt=REFORM_DATE).order_by("code")
    legacy_names = dict(legacy.values_list("pk", "name"))
    return Scope(
        communes=[pk for pk, _name, _province in rows],
        names={pk: name for pk, name, _province in rows},
        province_of={pk: province for pk, _name, province in rows},
        by_province=dict(by_province),
        predecessors=dict(predecessors),
        legacy=sorted(legacy_names),
        legacy_names=legacy_names,
    )
