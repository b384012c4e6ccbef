"""The mypyc accelerator's runtime side: which engine modules run compiled, and the facts a
compiled module defines still pickle and copy as values."""

from __future__ import annotations

import copy
import os
import pickle
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import aftersales
from aftersales.engine.accelerator import ACCELERATED
from aftersales.model.facts import Formula, Granted, LineCategory, Tier, UnitPrice, Window

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(aftersales.__file__).parent


def test_the_accelerated_modules_are_the_ones_the_build_compiles() -> None:
    hook = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"]["wheel"]["hooks"]["custom"]
    built = tuple(path.removeprefix("src/").removesuffix(".py").replace("/", ".")
                  for path in hook["include"])
    assert built == ACCELERATED


def test_each_accelerated_module_keeps_its_python_source() -> None:
    for name in ACCELERATED:
        assert (PACKAGE.parent / (name.replace(".", "/") + ".py")).is_file(), name


def test_the_engine_runs_compiled_exactly_where_the_installation_was_built_so() -> None:
    # The README's test command installs editable, which is pure Python; the compiled run
    # (tests/compiled/) sets AFTERSALES_EXPECT_COMPILED.
    expected = ACCELERATED if os.environ.get("AFTERSALES_EXPECT_COMPILED") else ()
    assert aftersales.compiled_modules() == expected


FACTS = [
    Window(hours=48), Window(days=7, claim=True), Formula("percent_of", "10% of paid",
                                                          (("rate_percent", Decimal(10)),)),
    Tier(Decimal("300.00")), Tier(None), LineCategory("l1", "fresh.produce"),
    UnitPrice("l1", Decimal("39.90")), Granted("refund", Decimal("1.00"), "CNY", "merchant"),
    Granted("pickup", None, "CNY", "platform"),
]


@pytest.mark.parametrize("fact", FACTS, ids=repr)
def test_a_fact_pickles_and_copies_to_an_equal_fact(fact: object) -> None:
    assert pickle.loads(pickle.dumps(fact)) == fact
    assert copy.copy(fact) == fact
    assert copy.deepcopy(fact) == fact


def test_the_samples_decisions_with_their_typed_facts_pickle_intact() -> None:
    texts = (PACKAGE / "data" / "sample-cases.jsonl").read_text(encoding="utf-8").splitlines()
    decisions = [aftersales.evaluate(text) for text in texts if text.strip()]
    facts = {type(value) for decision in decisions for step in decision.trace
             for value in step.facts.values()}
    assert {Window, Formula, Tier} <= facts
    again = pickle.loads(pickle.dumps(decisions))
    assert again == decisions
    assert [d.to_dict() for d in again] == [d.to_dict() for d in decisions]
