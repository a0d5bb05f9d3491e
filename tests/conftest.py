"""Shared test configuration: Hypothesis profiles chosen by HYPOTHESIS_PROFILE, and the
2023 fixture as editable data."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Verbosity, settings

WP = Path(__file__).resolve().parents[1] / "fixtures" / "whitepaper-2023.yaml"


@pytest.fixture
def wp_data() -> Callable[..., dict[str, Any]]:
    """The 2023 fixture as plain data; keyword arguments reprint figures by id.

    ``wp_data(cases_civil="22190 件")`` sets that figure's ``printed`` and ``quote``;
    the data then no longer names the source text (its quotes are no longer in it).
    """

    def make(**printed: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(WP.read_text(encoding="utf-8"))
        for f in data["figures"]:
            if f["id"] in printed:
                f["printed"] = f["quote"] = printed[f["id"]]
        if printed:
            del data["report"]["source_text"]
        return data

    return make


settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
# derandomised and without a database: tools/mutate.py must give the same verdict every run
settings.register_profile(
    "mutation", max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)  # fmt: skip
settings.register_profile("debug", max_examples=20, deadline=None, verbosity=Verbosity.verbose)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
