"""Loading never runs code from a document, and refuses absurd documents (too large, too deep,
too many values through YAML aliases) quickly and with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aftersales import InvalidPolicyError, Policy
from aftersales.documents import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_VALUES,
    Format,
    load_policy,
    read_policy,
)
from aftersales.model.errors import Problem

SETTINGS = 'extends: standard\nid: acme\nversion: "1"\n'


def only(text: str, format: Format = "yaml") -> Problem:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(text, format)
    (problem,) = raised.value.problems
    return problem


@pytest.mark.parametrize("template", [
    SETTINGS + "title: !!python/object/apply:os.system [{command!r}]\n",
    SETTINGS + "title: !!python/object/new:os.system [{command!r}]\n",
    "!!python/object/apply:os.system [{command!r}]\n",
])
def test_a_python_tag_is_refused_and_never_run(tmp_path: Path, template: str) -> None:
    witness = tmp_path / "ran"
    text = template.format(command=f"touch {witness}")
    problem = only(text)
    assert (problem.code, problem.line) == ("yaml_tag_refused", text.count("\n"))
    assert "is refused: a policy document is plain data" in problem.message
    assert "!!python/object" in problem.message
    assert not witness.exists()


def test_an_unknown_local_tag_is_refused() -> None:
    problem = only(SETTINGS + "title: !shout acme\n")
    assert str(problem) == "(root) (line 4): the tag !shout is refused: a policy document is " \
        "plain data, and a tag that would build a Python object (or run code) is never run"


def test_a_document_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    text = SETTINGS + "title: " + "a" * MAX_DOCUMENT_BYTES + "\n"
    problem = only(text)
    assert (problem.path, problem.code) == ("", "document_too_large")
    assert problem.message == f"the document is {len(text):,} bytes; a policy document may " \
        f"have at most {MAX_DOCUMENT_BYTES:,}"


def test_the_size_limit_counts_bytes_not_characters() -> None:
    text = SETTINGS + "title: " + "过" * (MAX_DOCUMENT_BYTES // 3) + "\n"
    assert len(text) < MAX_DOCUMENT_BYTES < len(text.encode("utf-8"))
    assert only(text).code == "document_too_large"


def test_a_document_at_the_size_limit_is_read() -> None:
    head = SETTINGS + "title: "
    text = head + "a" * (MAX_DOCUMENT_BYTES - len(head) - 1) + "\n"
    assert len(text.encode("utf-8")) == MAX_DOCUMENT_BYTES
    assert isinstance(read_policy(text), Policy)


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(SETTINGS + "# " + "x" * MAX_DOCUMENT_BYTES + "\n", encoding="utf-8")
    with pytest.raises(InvalidPolicyError) as raised:
        load_policy(path)
    (problem,) = raised.value.problems
    assert problem.code == "document_too_large"
    assert problem.message == f"{path} is more than {MAX_DOCUMENT_BYTES:,} bytes; a policy " \
        f"document may have at most {MAX_DOCUMENT_BYTES:,}"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_no_further_than_the_limit() -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidPolicyError) as raised:
        load_policy("/dev/zero")
    assert [p.code for p in raised.value.problems] == ["document_too_large"]
    assert time.perf_counter() - started < 2


def test_a_pipe_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "policy.yaml"
    os.mkfifo(fifo)
    written: list[int] = []

    def write_300_mb() -> None:
        chunk = b"#" * 1_000_000
        try:
            with fifo.open("wb") as pipe:
                for _ in range(300):
                    pipe.write(chunk)
                    written.append(len(chunk))
        except BrokenPipeError:
            pass  # the reader stopped at the limit and closed the pipe

    writer = threading.Thread(target=write_300_mb)
    writer.start()
    with pytest.raises(InvalidPolicyError) as raised:
        load_policy(fifo)
    writer.join(timeout=10)
    assert [p.code for p in raised.value.problems] == ["document_too_large"]
    assert sum(written) < 10_000_000


def _nested(depth: int, format: Format) -> str:
    lists = "[" * depth + "]" * depth
    return {"yaml": f"{SETTINGS}title: {lists}\n",
            "json": f'{{"id": "acme", "title": {lists}}}',
            "toml": f'id = "acme"\ntitle = {lists}\n'}[format]


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_a_document_nested_beyond_the_limit_is_refused(format: Format) -> None:
    problem = only(_nested(MAX_DEPTH, format), format)
    assert (problem.path, problem.code) == ("", "document_too_deep")
    assert problem.message == f"the document nests more than {MAX_DEPTH} levels deep; refused"


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_a_document_nested_just_within_the_limit_is_not_refused_for_its_depth(
        format: Format) -> None:
    # The mapping is level 1 and the title's lists levels 2 to MAX_DEPTH: deep, but allowed,
    # so the problem found is the title's type, not the depth.
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(_nested(MAX_DEPTH - 1, format), format)
    assert "document_too_deep" not in [problem.code for problem in raised.value.problems]


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_five_thousand_nested_lists_are_refused_without_a_recursion_error(
        format: Format) -> None:
    started = time.perf_counter()
    assert only(_nested(5000, format), format).code == "document_too_deep"
    assert time.perf_counter() - started < 2


@pytest.fixture(params=["libyaml", "pure_python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The YAML loader built on libyaml's C parser, and the one on PyYAML's own."""
    import yaml

    from aftersales.documents import _yaml

    monkeypatch.setattr(_yaml, "_LOADER", None)  # rebuilt on the parser chosen
    if request.param == "pure_python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    return str(request.param)


@pytest.mark.parametrize("depth", [MAX_DEPTH, 999, 1001, 5000])
def test_an_over_deep_yaml_document_is_too_deep_whichever_parser_reads_it(
        yaml_parser: str, depth: int) -> None:
    # libyaml (PyYAML 6.0.4) refuses 1,000 flow levels as a syntax error of its own.
    problem = only(_nested(depth, "yaml"))
    assert (problem.path, problem.code) == ("", "document_too_deep")


def test_a_syntax_error_within_the_depth_limit_is_still_a_syntax_error(
        yaml_parser: str) -> None:
    problem = only(SETTINGS + "title: [[[a, b]\n")
    assert problem.code == "yaml_syntax"


def test_a_yaml_alias_that_contains_itself_is_refused() -> None:
    assert only(SETTINGS + "title: &loop [*loop]\n").code == "document_too_deep"


def test_an_alias_bomb_is_refused_quickly() -> None:
    # "Billion laughs": nine levels of nine aliases each, 9**9 (387 million) values expanded.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = SETTINGS + "\n".join(lines) + "\n"
    assert len(text) < 1000
    started = time.perf_counter()
    problem = only(text)
    assert time.perf_counter() - started < 1
    assert (problem.path, problem.code) == ("", "document_too_large")
    assert problem.message == f"the document holds more than {MAX_VALUES:,} values (YAML " \
        "aliases count once per use); refused"


def test_a_few_aliases_are_fine() -> None:
    text = SETTINGS + "overrides:\n  spoilage: {categories: &fresh [fresh]}\n" \
        "  unsafe_food: {categories: *fresh}\n"
    policy = read_policy(text)
    assert isinstance(policy, Policy)
    assert policy.guarantee("unsafe_food").categories == ("fresh",)
