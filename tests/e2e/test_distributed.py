"""The distributed engine on a real Dask cluster: a `LocalCluster` of two worker processes on
this machine decides a generated data set of 20,000 cases cut into 8 partitions (Parquet and
JSON Lines), and every result equals the one-machine result over the same cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from distributed import Client, LocalCluster

import aftersales
from aftersales.distributed import PartitionError, diff_partitions, evaluate_partitions
from tests.streams import case_texts

EXAMPLES = Path(__file__).parents[2] / "examples"
CASES, PARTITIONS = 20_000, 8


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # Dask's constructors are not annotated.
    cluster = LocalCluster(n_workers=2, threads_per_worker=1,  # type: ignore[no-untyped-call]
                           processes=True, dashboard_address=":0")
    with cluster, Client(cluster) as connected:  # type: ignore[no-untyped-call]
        yield connected


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return case_texts(CASES)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> Path:
    directory = tmp_path_factory.mktemp("cases")
    size = CASES // PARTITIONS
    for index in range(PARTITIONS):
        part = texts[index * size:(index + 1) * size]
        if index % 2:
            (directory / f"part-{index}.jsonl").write_text(
                "".join(f"{text}\n" for text in part), encoding="utf-8")
        else:
            pl.DataFrame({"case": part}).write_parquet(directory / f"part-{index}.parquet")
    return directory


def test_the_cluster_decides_every_partition_as_one_process_decides_the_whole(
        client: Client, dataset: Path, texts: list[str]) -> None:
    result = evaluate_partitions(dataset, client=client)
    whole = aftersales.evaluate_table(pl.DataFrame({"case": texts}))
    assert result.frame is not None
    assert result.frame.equals(whole.frame)
    assert len(result) == CASES
    assert (result.columnar_rows, result.row_engine_rows) == (
        whole.columnar_rows, whole.row_engine_rows)
    assert [partition.rows for partition in result.partitions] == [CASES // PARTITIONS] * 8


def test_the_workers_write_one_parquet_file_per_partition(
        client: Client, dataset: Path, texts: list[str],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    output = tmp_path_factory.mktemp("decisions")
    result = evaluate_partitions(sorted(dataset.glob("part-*")), "douyin", client=client,
                                 output=output)
    assert [Path(path).name for path in result.written] == [
        f"part-{index:05d}.parquet" for index in range(PARTITIONS)]
    # sorted() names part-0 … part-7, the partitions' order: the frame is the cases' order.
    assert pl.read_parquet(list(result.written)).equals(
        aftersales.evaluate_table(pl.DataFrame({"case": texts}), "douyin").frame)


def test_the_diff_over_the_partitions_is_the_one_machine_diff(
        client: Client, dataset: Path, texts: list[str]) -> None:
    new = aftersales.load_policy(EXAMPLES / "allergy-7-days.yaml")
    merged = diff_partitions(None, new, dataset, client=client, first=3)
    whole = aftersales.diff(None, new, texts, first=3, keep=1000)
    assert merged.summary == whole.summary
    assert merged.summary.changed > 0
    assert [row.case_id for row in merged.changed] == [row.case_id for row in whole.changed]
    assert [row.explanations() for row in merged.changed[:3]] == [
        row.explanations() for row in whole.changed[:3]]
    assert merged.changed[0].explanations() is not None


def test_a_partition_the_workers_cannot_read_is_named_and_the_others_are_not(
        client: Client, dataset: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    with pytest.raises(PartitionError) as raised:
        evaluate_partitions([dataset / "part-0.parquet", broken, tmp_path / "gone.jsonl"],
                            client=client)
    assert raised.value.paths == (str(broken), str(tmp_path / "gone.jsonl"))
