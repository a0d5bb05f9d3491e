"""Small fixtures shared by the tests of the command line and of hostile input."""

MINI = """\
schema_version: 1
report: {id: demo-2024, title: "某院公益诉讼工作情况", publisher: "某人民检察院", year: 2024}
figures:
  - {id: total, printed: "120件", section: "一", quote: "共立案120件", offset: 0}
  - {id: admin, printed: "100件", section: "一", quote: "行政公益诉讼100件", offset: 7}
  - {id: civil, printed: "20件", section: "一", quote: "民事公益诉讼20件", offset: 19}
  - {id: admin_share, printed: "83.3%", section: "一", quote: "占83.3%", offset: 30}
statistics:
  case_volume:
    {total: total, administrative: admin, civil: civil, administrative_share: admin_share}
relations:
  - {kind: subset, id: civil_within_total, part: civil, whole: total}
"""
"""A valid five-line report: three counts, a share, a statistic and one relation."""


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced; ``old`` must be there (a test edit that misses fails)."""
    assert old in text
    return text.replace(old, new)
