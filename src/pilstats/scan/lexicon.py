"""The scanner's word tables, read once from ``data/prose.yaml``.

Cue words, predicates with their classes (receipts, decisions, actions), outcomes of a
decision, complementary pairs, named rates, identities of official statistics and
taxonomies (whole and members). See the data file for what each table means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["Identity", "Lexicon", "RateDefinition", "Taxonomy", "lexicon"]

_DATA = Path(__file__).resolve().parents[1] / "data" / "prose.yaml"


@dataclass(frozen=True)
class RateDefinition:
    """A named rate: numerator and denominator predicates, or an official formula."""

    name: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    official: bool = False


@dataclass(frozen=True)
class Identity:
    """A formula that holds by definition, with slots filled by nouns."""

    name: str
    expr: str
    slots: dict[str, tuple[tuple[str, ...], bool]]  # slot → (nouns, take the change)


@dataclass(frozen=True)
class Taxonomy:
    """A whole and its members, each named by nouns; complete when they exhaust it."""

    name: str
    whole: tuple[str, ...]
    complete: bool
    members: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Lexicon:
    """Every table of ``data/prose.yaml``."""

    total_cues: tuple[str, ...]
    breakdown_intro: tuple[str, ...]
    breakdown_intro_end: tuple[str, ...]
    other_members: tuple[str, ...]
    list_breakers: tuple[str, ...]
    intensive: tuple[str, ...]
    noun_synonyms: dict[str, str]
    compounds: tuple[str, ...]
    stage_cues: tuple[str, ...]
    main_parts: tuple[str, ...]
    regions: tuple[str, ...]
    fields: Taxonomy
    forms: tuple[tuple[str, str], ...]  # (surface form, canonical), longest first
    classes: dict[str, str]  # canonical predicate → class
    outcomes: dict[str, tuple[str, ...]]
    case_stages: dict[str, tuple[str, ...]]
    complements: tuple[frozenset[str], ...]
    rates: dict[str, RateDefinition]
    identities: tuple[Identity, ...]
    taxonomies: tuple[Taxonomy, ...]

    def predicate(self, lead: str) -> tuple[str, int] | None:
        """The canonical predicate named last in ``lead`` and where it starts."""
        last = None
        for m in _forms_pattern(self.forms).finditer(lead):
            last = m
        if last is None:
            return None
        return self.canonical_of[last.group()], last.start()

    @property
    def forms_pattern(self) -> re.Pattern[str]:
        """One pattern matching every surface form, longest first."""
        return _forms_pattern(self.forms)

    @property
    def canonical_of(self) -> dict[str, str]:
        """Surface form → canonical predicate."""
        return _canonical_of(self.forms)

    def any_of(self, words: tuple[str, ...]) -> re.Pattern[str]:
        """One pattern matching any of ``words`` (a table of this lexicon), built once."""
        return _words_pattern(words)

    def canon(self, words: str) -> str:
        """``words`` with every predicate form replaced by its canonical predicate."""
        canonical = self.canonical_of
        return _forms_pattern(self.forms).sub(lambda m: canonical[m.group()], words)


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def _forms_pattern(forms: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(f) for f, _ in forms))  # longest first


@cache
def _canonical_of(forms: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(forms)


@cache
def lexicon() -> Lexicon:
    """The tables, parsed once."""
    import yaml  # noqa: PLC0415 - only a scan needs it

    raw: dict[str, Any] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    forms: list[tuple[str, str]] = []
    classes: dict[str, str] = {}
    for canonical, spec in raw["predicates"].items():
        classes[canonical] = spec["class"]
        forms.extend((form, canonical) for form in spec["forms"])
    forms.sort(key=lambda fc: -len(fc[0]))
    rates = {}
    for name, spec in raw["rates"].items():
        rates[name] = RateDefinition(
            name,
            tuple(spec.get("numerator", ())),
            tuple(spec.get("denominator", ())),
            spec.get("formula") == "official",
        )
    identities = tuple(
        Identity(
            i["name"],
            i["expr"],
            {
                slot: (tuple(s["nouns"]), bool(s.get("change", False)))
                for slot, s in i["slots"].items()
            },
        )
        for i in raw["identities"]
    )
    taxonomies = tuple(
        Taxonomy(
            t["name"],
            tuple(t["whole"]),
            bool(t["complete"]),
            {k: tuple(v) for k, v in t["members"].items()},
        )
        for t in raw["taxonomies"]
    )
    return Lexicon(
        total_cues=tuple(raw["total_cues"]),
        breakdown_intro=tuple(raw["breakdown_intro"]),
        breakdown_intro_end=tuple(raw["breakdown_intro_end"]),
        other_members=tuple(raw["other_members"]),
        list_breakers=tuple(raw["list_breakers"]),
        intensive=tuple(raw["intensive"]),
        noun_synonyms=dict(raw["noun_synonyms"]),
        compounds=tuple(raw["compounds"]),
        stage_cues=tuple(raw["stage_cues"]),
        main_parts=tuple(raw["main_parts"]),
        regions=tuple(raw["regions"]),
        fields=Taxonomy("公益诉讼·法定领域", ("公益诉讼",), False,
                        {k: tuple(v) for k, v in raw["fields"].items()}),
        forms=tuple(forms),
        classes=classes,
        outcomes={k: tuple(v) for k, v in raw["outcomes"].items()},
        case_stages={k: tuple(v) for k, v in raw["case_stages"].items()},
        complements=tuple(frozenset(p) for p in raw["complements"]),
        rates=rates,
        identities=identities,
        taxonomies=taxonomies,
    )
