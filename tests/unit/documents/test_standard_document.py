"""The standard policy as shipped in the package is exactly `standard_policy()`, written the
way `dump_policy` writes it, under its header comment."""

from __future__ import annotations

import itertools

from aftersales import standard_policy
from aftersales.documents import STANDARD_DOCUMENT, dump_policy, read_policy

REGENERATE = """\
The packaged document src/aftersales/data/standard-policy.yaml is out of date. Regenerate it
(keeping its header comment) with:

    python - <<'PY'
    from pathlib import Path
    from aftersales import standard_policy
    from aftersales.documents import dump_policy
    path = Path("src/aftersales/data/standard-policy.yaml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "".join(line for line in lines if line.startswith("#"))
    path.write_text(header + dump_policy(standard_policy()), encoding="utf-8")
    PY
"""


def _split() -> tuple[str, str]:
    text = STANDARD_DOCUMENT.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
    return header, text[len(header):]


def test_the_packaged_document_reads_as_the_standard_policy() -> None:
    assert read_policy(STANDARD_DOCUMENT.read_text(encoding="utf-8")) == standard_policy(), \
        REGENERATE


def test_the_packaged_document_is_written_as_dump_policy_writes_it() -> None:
    _, body = _split()
    assert body == dump_policy(standard_policy()), REGENERATE


def test_the_packaged_document_starts_with_a_header_that_says_how_to_use_it() -> None:
    header, _ = _split()
    assert "aftersales policy show standard" in header
    assert "extends: standard" in header
    assert "aftersales schema" in header
