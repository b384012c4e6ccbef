"""The benchmark runs, and the library (under a policy of the four headline guarantees) agrees
with the hand-written floor on its workload (status and total amount of every case): an
independent check of the four rules. The catalogue workload of figure (s) is valid and is
decided under the full standard policy. The GoRules zen-engine graph of the same four rules
(bench_zen.py) agrees with the floor too."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "bench_evaluate.py"


def test_the_benchmark_runs_and_matches_the_plain_python_floor() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--cases", "2000", "--repeats", "1", "--seed", "7"],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 mismatches in 2000 cases" in result.stdout
    assert "(a)" in result.stdout
    assert "(c)" in result.stdout
    assert "(s)" in result.stdout
    assert "invalid" not in result.stdout


def test_the_documents_and_preview_benchmarks_run() -> None:
    for script, arguments, figure in (
            ("bench_documents.py", ["--repeats", "1", "--rounds", "1"], "read the standard"),
            ("bench_preview.py", ["--cases", "200", "--repeats", "1"], "(d) diff"),
            ("bench_stream.py", ["--cases", "600", "--repeats", "1"], "(p2) preview")):
        result = subprocess.run(
            [sys.executable, str(SCRIPT.parent / script), *arguments],
            capture_output=True, text=True, check=False, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert figure in result.stdout


def test_the_columnar_benchmark_runs_and_its_cross_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT.parent / "bench_columnar.py"), "--cases", "2000",
         "--sample", "500", "--repeats", "1"],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("cross-check of both forms on 500: 0 differences") == 3
    assert "ratio to the row engine: JSON text" in result.stdout
    assert "evaluate_table, typed table:" in result.stdout


def test_the_distributed_benchmark_runs_and_the_cluster_matches_one_process() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT.parent / "bench_distributed.py"), "--cases", "2000",
         "--partitions", "4", "--diff-cases", "400", "--repeats", "1"],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cluster result equals the one-process result" in result.stdout
    assert "merged summary equals the one-process summary" in result.stdout
    assert "ratio cluster / one process" in result.stdout


def test_the_zen_peer_benchmark_runs_and_zen_matches_the_plain_python_floor() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT.parent / "bench_zen.py"), "--cases", "2000",
         "--repeats", "1"],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "cross-check zen vs floor (status, total amount): 0 mismatches in 2000 cases" in out
    assert "(z2) and (zb): 0 results differ from (z)" in out
    target = "issue 12 target: evaluate_table (headline) >= 10x zen-engine end to end: typed table "
    assert target in out
    assert out.rstrip().endswith(("-> met", "-> MISSED"))
