"""The README's examples and the modules' doctests run."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

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


def _block(text: str, head: str) -> str:
    """The fenced ``text`` block whose first line starts with ``head`` (that line dropped
    when it is a comment)."""
    m = re.search(rf"```text\n({re.escape(head)}[^\n]*\n)(.*?)```", text, re.DOTALL)
    assert m, head
    return m.group(2) if head.startswith("#") else m.group(1) + m.group(2)


def test_readme_authoring_workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """draft → curate → check → audit as the README shows it, messages included."""
    from pilstats.audit import audit
    from pilstats.cli import main

    readme = README.read_text(encoding="utf-8")
    (tmp_path / "release.txt").write_text(_block(readme, "某区人民检察院"), encoding="utf-8")
    fixture = tmp_path / "fixtures" / "qu-2023.yaml"
    assert main(["draft", str(tmp_path / "release.txt"), "-o", str(fixture)]) == 0
    out = capsys.readouterr().out
    shown = re.search(r"wrote fixtures/qu-2023.yaml (\(.*?\))", readme)
    assert shown
    assert shown.group(1) in out
    drafted = fixture.read_text(encoding="utf-8").splitlines()
    excerpt = _block(readme, "figures:")
    for line in ["figures:", *excerpt.splitlines()]:
        if line.strip() != "…":
            assert line in drafted, line
    assert audit(fixture) == []
    curated = _block(readme, "# fixtures/qu-2023.yaml, curated")
    fixture.write_text(curated, encoding="utf-8")
    assert main(["check", str(fixture)]) == 0
    assert "5 checks: 5 pass, 0 fail, 0 untestable" in capsys.readouterr().out
    assert audit(fixture) == []
    mistakes = {
        ("parts: [cases_admin, cases_civil]", "parts: [cases_admin, cases_civl]"): 0,
        ("quote: 占立案总数的83.3%", "qoute: 占立案总数的83.3%"): 1,
        ('printed: "120件"', "printed: 120"): 2,
        ("part: cases_admin, whole: cases_total, share: admin_share",
         "part: admin_share, whole: cases_total, share: cases_admin"): 3,
        ("offset: 88}", "offset: 87}"): 4,
    }  # fmt: skip
    table = readme[readme.index("| mistake | message |") :]
    rows = re.findall(r"^\| [^|`]+ \| `(.+)` \|$", table.split("\n\n")[0], re.MULTILINE)
    assert len(rows) == 6
    for (old, new), row in mistakes.items():
        fixture.write_text(curated.replace(old, new), encoding="utf-8")
        assert main(["check", str(fixture)]) == 2
        err = capsys.readouterr().err
        expected = rows[row].replace("/…/", f"{tmp_path}/").split("…")[0]
        assert expected in err, (expected, err)
    fixture.write_text(curated, encoding="utf-8")
    (tmp_path / "fixtures" / "qu-2023.txt").unlink()
    assert main(["check", str(fixture)]) == 2
    expected = rows[5].replace("/…/", f"{tmp_path}/").split("…")[0]
    assert expected in capsys.readouterr().err


def test_readme_tables_example() -> None:
    """The DataFrame example of 'Tables' runs and gives what its comments say."""
    pytest.importorskip("pandas")
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("### Tables") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code
    scope: dict[str, Any] = {}
    exec(code.group(1), scope)  # noqa: S102 - the README's own example
    figures, findings = scope["figures"], scope["findings"]
    row = figures.loc["cases_administrative_share"]
    assert (row["value"], row["lo"], row["hi"], row["status"]) == ("88.4", 88.35, 88.45, "pass")
    assert findings["status"].value_counts().to_dict() == {"pass": 63, "untestable": 1}
    derived = findings.loc["pre_litigation.rectification_rate", "derived"]
    assert derived["numerator"]["integers"] == 116
    assert "'integers': 116}" in section
