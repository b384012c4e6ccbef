"""`evaluate_partitions` and `diff_partitions` without a client: one partition after the
other in this process, the same results as one call over every case."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import aftersales
from aftersales.distributed import PartitionError, diff_partitions, evaluate_partitions
from tests.streams import case_texts

EXAMPLES = Path(__file__).parents[3] / "examples"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return case_texts(400)


@pytest.fixture
def partitions(tmp_path: Path, texts: list[str]) -> Path:
    for index in range(4):
        part = texts[index * 100:(index + 1) * 100]
        if index % 2:
            (tmp_path / f"p{index}.jsonl").write_text("".join(f"{t}\n" for t in part),
                                                     encoding="utf-8")
        else:
            pl.DataFrame({"case": part}).write_parquet(tmp_path / f"p{index}.parquet")
    return tmp_path


def test_the_partitions_decide_as_one_table_of_every_case(partitions: Path,
                                                          texts: list[str]) -> None:
    result = evaluate_partitions(partitions)
    whole = aftersales.evaluate_table(pl.DataFrame({"case": texts}))
    assert result.frame is not None
    assert result.frame.equals(whole.frame)
    assert (result.columnar_rows, result.row_engine_rows) == (
        whole.columnar_rows, whole.row_engine_rows)
    assert result.frame["error"].is_not_null().sum() > 0  # bad cases are rows, none lost


def test_an_output_directory_gets_one_parquet_file_per_partition(
        partitions: Path, texts: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    output = tmp_path_factory.mktemp("out") / "decisions"
    result = evaluate_partitions(partitions, output=output)
    assert result.frame is None
    assert len(result.written) == 4
    written = pl.read_parquet(list(result.written))
    assert written.equals(aftersales.evaluate_table(pl.DataFrame({"case": texts})).frame)
    with pytest.raises(PartitionError, match="already holds"):
        evaluate_partitions(partitions, output=output)


def test_the_merged_diff_summary_is_the_one_process_diff_summary(partitions: Path,
                                                                  texts: list[str]) -> None:
    new = aftersales.load_policy(EXAMPLES / "allergy-7-days.yaml")
    assert diff_partitions(None, new, partitions).summary == \
        aftersales.diff(None, new, texts).summary


def test_unreadable_partitions_are_listed_together(partitions: Path) -> None:
    (partitions / "broken.parquet").write_bytes(b"not parquet")
    with pytest.raises(PartitionError) as raised:
        evaluate_partitions([partitions / "missing.jsonl", partitions / "p1.jsonl",
                             partitions / "broken.parquet"])
    assert raised.value.paths == (str(partitions / "missing.jsonl"),
                                  str(partitions / "broken.parquet"))
    assert "no such file" in str(raised.value)


def test_a_policy_name_that_does_not_load_is_refused_before_any_task(partitions: Path) -> None:
    with pytest.raises(aftersales.InvalidPolicyError):
        evaluate_partitions(partitions, "no-such-preset")
