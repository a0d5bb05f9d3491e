"""The README's examples and the modules' doctests run."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import pilstats

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_quickstart_has_exactly_the_two_commands() -> None:
    """The Quickstart block holds the install-and-run and install-and-test commands."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quickstart\s+```sh\n(.*?)```", text, re.DOTALL)
    assert block
    assert block.group(1).strip().splitlines() == [
        "pip install -e . && pilstats check",
        "pip install -e '.[test]' && pytest",
    ]


def test_readme_fixture_example_checks(tmp_path: Path) -> None:
    """The fixture in 'Write a fixture for another report' loads and passes."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(schema_version.*?)```", text, re.DOTALL)
    assert block
    path = tmp_path / "demo.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    result = pilstats.check(path)
    assert result.ok
    assert len(result.findings) == 3


def test_readme_summary_line_is_current() -> None:
    """The summary the README quotes is what the bundled report gives."""
    assert pilstats.check("whitepaper-2023").summary() in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name", [m.name for m in pkgutil.iter_modules(pilstats.__path__) if m.name != "__main__"]
)
def test_doctests(name: str) -> None:
    """Docstring examples are correct."""
    module = importlib.import_module(f"pilstats.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_package_doctest() -> None:
    """The package docstring example."""
    failures, _ = doctest.testmod(pilstats)
    assert failures == 0
