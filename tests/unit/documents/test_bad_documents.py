"""Bad policy documents: one test per kind of problem, each asserting the path, the code and
(for YAML) the line, as the author sees them: `path (line N): message`."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from aftersales import InvalidPolicyError, standard_policy
from aftersales.documents import Format, dump_policy, read_policy
from aftersales.model.errors import Problem


def invalid(text: str, format: Format = "yaml") -> InvalidPolicyError:
    with pytest.raises(InvalidPolicyError) as raised:
        read_policy(textwrap.dedent(text).lstrip("\n"), format)
    return raised.value


def only(text: str, format: Format = "yaml") -> Problem:
    (problem,) = invalid(text, format).problems
    return problem


def replaced(text: str, old: str, new: str, *, after: str) -> tuple[str, int]:
    """`text` with its first line `old` (stripped) after the line `after` changed to `new`,
    and the number of the line changed."""
    lines = text.splitlines()
    start = lines.index(after)
    index = next(i for i in range(start, len(lines)) if lines[i].strip() == old)
    lines[index] = lines[index].replace(old, new)
    return "\n".join(lines) + "\n", index + 1


def standard_yaml_with(old: str, new: str, *, after: str) -> tuple[str, int]:
    """The standard policy as YAML with one line changed (see `replaced`)."""
    return replaced(dump_policy(standard_policy()), old, new, after=after)


def test_a_zero_window_in_a_full_policy_names_its_path_and_line() -> None:
    text, line = standard_yaml_with("window_days: 90", "window_days: 0", after="  id: allergy")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == (
        "guarantees[2].conditions[0].window_days", "greater_than", line)
    assert str(problem) == f"guarantees[2].conditions[0].window_days (line {line}): " \
        "must be > 0 (got 0)"


def test_an_unknown_condition_kind_suggests_the_closest_one() -> None:
    text, line = standard_yaml_with("- kind: filed_within", "- kind: filed_witin",
                                    after="  id: allergy")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == (
        "guarantees[2].conditions[0].kind", "union_tag_invalid", line)
    assert str(problem) == f"guarantees[2].conditions[0].kind (line {line}): " \
        "unknown kind 'filed_witin'; did you mean `filed_within`?"


def test_an_unknown_top_level_field_suggests_the_closest_one() -> None:
    text, line = standard_yaml_with("title: Standard after-sales promises (Douyin-style, "
                                    "with the legal baseline)", "titel: Acme", after="id: standard")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == ("titel", "extra_forbidden", line)
    assert str(problem) == f"titel (line {line}): is not a known field; did you mean `title`?"


def test_an_unknown_field_in_a_guarantee_suggests_the_closest_one() -> None:
    text, line = standard_yaml_with("- beauty", "- beauty\n  evidense: [photo]",
                                    after="  id: allergy")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == (
        "guarantees[2].evidense", "extra_forbidden", line + 1)
    assert str(problem).endswith("is not a known field; did you mean `evidence`?")


def test_an_unknown_parameter_in_an_override_suggests_the_closest_one() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          allergy: {window_day: 7}
        """)
    assert str(problem) == "overrides.allergy.window_day (line 5): is not a known field; " \
        "did you mean `window_days`?"
    assert problem.code == "extra_forbidden"


def test_an_unknown_setting_in_an_extends_document_suggests_the_closest_one() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        time_zome: Asia/Shanghai
        """)
    assert str(problem) == "time_zome (line 4): is not a known field; did you mean `time_zone`?"


def test_an_override_of_a_guarantee_the_standard_policy_lacks_suggests_one_it_has() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          alergy: {window_days: 7}
        """)
    assert (problem.path, problem.code, problem.line) == (
        "overrides.alergy", "guarantee_unknown", 5)
    assert str(problem) == "overrides.alergy (line 5): is not a guarantee of the standard " \
        "policy; did you mean `allergy`?"


def test_a_bad_choice_lists_the_choices_and_suggests_the_closest() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          late_shipment:
            payer: platfrom
        """)
    assert (problem.path, problem.line) == ("overrides.late_shipment.payer", 6)
    assert str(problem) == "overrides.late_shipment.payer (line 6): must be one of platform, " \
        "merchant, insurer, buyer (got 'platfrom'); did you mean `platform`?"


def test_a_bad_choice_in_a_full_policy_names_its_path_and_line() -> None:
    text, line = standard_yaml_with("return_shipping_payer: merchant",
                                    "return_shipping_payer: marchant", after="  id: allergy")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == (
        "guarantees[2].remedies[0].return_shipping_payer", "enum", line)
    assert "did you mean `merchant`?" in problem.message


def test_an_override_below_the_legal_floor_is_placed_on_that_override() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          no_reason_return: {window_days: 5}
        """)
    assert (problem.path, problem.code, problem.line) == (
        "overrides.no_reason_return", "below_legal_floor", 5)
    assert str(problem).startswith("overrides.no_reason_return (line 5): the statutory 7-day "
                                   "no-reason return may be extended, not restricted")
    assert "its window of 5 calendar days is shorter than the law's 7" in problem.message


def test_a_missing_required_field_is_named() -> None:
    problem = only("""
        extends: standard
        version: "1"
        """)
    assert (problem.path, problem.code, problem.line) == ("id", "missing", None)
    assert str(problem) == "id: is required"


def test_a_full_policy_without_guarantees_names_the_missing_field() -> None:
    problem = only("id: acme\nversion: '1'\n")
    assert (problem.path, problem.code) == ("guarantees", "missing")


def test_a_key_written_twice_in_yaml_names_both_lines() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          allergy: {window_days: 7}
          allergy: {window_days: 30}
        """)
    assert (problem.path, problem.code, problem.line) == ("overrides.allergy", "duplicate_key", 6)
    assert str(problem) == "overrides.allergy (line 6): 'allergy' is written twice " \
        "(lines 5 and 6); YAML would keep only the last"


def test_a_key_written_twice_in_json_is_refused() -> None:
    problem = only('{"extends": "standard", "id": "acme", "version": "1", "id": "other"}', "json")
    assert problem.code == "duplicate_key"
    assert str(problem) == "(root): 'id' is written twice in one object; JSON readers would " \
        "keep only the last"


def test_a_key_written_twice_in_toml_is_a_toml_syntax_error_with_its_line() -> None:
    problem = only('id = "acme"\nversion = "1"\nid = "other"\n', "toml")
    assert (problem.code, problem.line) == ("toml_syntax", 3)


def test_a_yaml_syntax_error_names_its_line() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          allergy: {window_days: 7
        """)
    assert (problem.path, problem.code, problem.line) == ("", "yaml_syntax", 6)
    assert str(problem).startswith("(root) (line 6): not valid YAML: ")


def test_a_bad_indent_is_a_yaml_syntax_error_on_its_line() -> None:
    problem = only("id: acme\n  version: '1'\n")
    assert (problem.code, problem.line) == ("yaml_syntax", 2)
    assert str(problem) == "(root) (line 2): not valid YAML: mapping values are not allowed " \
        "in this context"


def test_a_json_syntax_error_names_its_line_and_column() -> None:
    problem = only('{\n  "id": "acme",\n  "version": \n}\n', "json")
    assert (problem.path, problem.code, problem.line) == ("", "json_syntax", 4)
    assert str(problem) == "(root) (line 4): not valid JSON: Expecting value (column 1)"


def test_a_toml_syntax_error_names_its_line_and_column() -> None:
    problem = only('id = "acme"\nversion = \n', "toml")
    assert (problem.path, problem.code, problem.line) == ("", "toml_syntax", 2)
    assert str(problem) == "(root) (line 2): not valid TOML: Invalid value (column 11)"


@pytest.mark.parametrize(("text", "shape"), [
    ("", "the document is empty"),
    ("# only a comment\n", "the document is empty"),
    ("- id: acme\n", "the document is a list"),
    ("standard\n", "the document is the text 'standard'"),
    ("42\n", "the document is the value 42"),
])
def test_a_document_that_is_not_a_mapping_says_what_it_is(text: str, shape: str) -> None:
    problem = only(text)
    assert (problem.path, problem.code) == ("", "not_a_mapping")
    assert problem.message == f"{shape}; a policy document is a mapping of fields (id, " \
        "version, guarantees ...)"


def test_a_json_array_is_not_a_policy() -> None:
    assert only("[]", "json").code == "not_a_mapping"


def test_an_impossible_date_is_a_problem_on_its_path() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        effective_from: 2026-02-30
        """)
    assert (problem.path, problem.code, problem.line) == ("effective_from", "value_error", 4)
    assert "got '2026-02-30'" in problem.message


@pytest.mark.parametrize("written", ["2026-03-01T00:00:00", "2026-03-01 10:00"])
def test_an_instant_without_a_utc_offset_is_refused(written: str) -> None:
    problem = only(f"""
        extends: standard
        id: acme
        version: "1"
        effective_from: {written}
        """)
    assert (problem.path, problem.line) == ("effective_from", 4)
    assert problem.message.startswith("needs a UTC offset (naive date-times are refused)")


def test_a_single_text_where_a_list_belongs_is_refused() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          spoilage: {categories: fresh}
        """)
    assert (problem.path, problem.line) == ("overrides.spoilage.categories", 5)
    assert problem.message == "Input should be a valid list (got 'fresh')"


def test_extending_an_unknown_policy_names_the_known_ones() -> None:
    problem = only("""
        extends: premium
        id: acme
        version: "1"
        """)
    assert str(problem) == ("extends (line 1): no policy is shipped as `premium` "
                            "(known: standard, douyin, tmall)")


def test_overrides_that_are_not_a_mapping_are_refused() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides: [allergy]
        """)
    assert (problem.path, problem.code, problem.line) == ("overrides", "not_a_mapping", 4)


def test_four_different_problems_in_an_extends_document_are_listed_at_once() -> None:
    error = invalid("""
        extends: standard
        id: acme
        version: "1"
        titel: Acme
        time_zone: Mars/Olympus_Mons
        overrides:
          alergy: {window_days: 30}
          late_shipment: {payer: platfrom}
          no_reason_return: {window_days: 5}
        """)
    assert [(p.path, p.code, p.line) for p in error.problems] == [
        ("titel", "extra_forbidden", 4),
        ("time_zone", "time_zone_unknown", 5),
        ("overrides.alergy", "guarantee_unknown", 7),
        ("overrides.late_shipment.payer", "enum", 8),
        ("overrides.no_reason_return", "below_legal_floor", 9),
    ]
    assert str(error).splitlines()[0] == "invalid policy: 5 problems"
    assert str(error).splitlines()[1] == \
        "  titel (line 4): is not a known field; did you mean `title`?"


def test_four_different_problems_in_a_full_policy_are_listed_at_once_top_to_bottom() -> None:
    lines = dump_policy(standard_policy()).splitlines()
    lines.insert(3, "titel: Acme")  # after kind, id, version
    text = "\n".join(lines) + "\n"
    for old, new, after in [("window_days: 90", "window_days: 0", "  id: allergy"),
                            ("- kind: filed_within", "- kind: filed_witin", "  id: spoilage"),
                            ("payer: platform", "payer: platfrom", "  id: price_match")]:
        text, _ = replaced(text, old, new, after=after)
    error = invalid(text)
    assert [(p.path, p.code) for p in error.problems] == [
        ("titel", "extra_forbidden"),
        ("guarantees[1].conditions[0].kind", "union_tag_invalid"),
        ("guarantees[2].conditions[0].window_days", "greater_than"),
        ("guarantees[3].remedies[0].payer", "enum"),
    ]
    assert [p.line for p in error.problems] == sorted(p.line or 0 for p in error.problems)
    assert all(p.line is not None for p in error.problems)
    assert str(error).splitlines()[0] == "invalid policy: 4 problems"


def test_every_problem_is_listed_in_the_error_message_with_path_and_line() -> None:
    error = invalid("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          allergy: {window_day: 7}
          spoilage: {window_hours: 0}
        """)
    assert str(error) == (
        "invalid policy: 2 problems\n"
        "  overrides.allergy.window_day (line 5): is not a known field; did you mean "
        "`window_days`?\n"
        "  overrides.spoilage.window_hours (line 6): must be > 0 (got 0)")


# --- values that must not load, and would crash or change meaning later -------------------


@pytest.mark.parametrize(("old", "new", "code"), [
    ("window_days: 90", "window_days: 3000000", "less_than_equal"),
    ("window_days: 90", "window_days: true", "int_type"),
    ("window_days: 90", "window_days: '90'", "int_type"),
    ("window_days: 90", "window_days: 90.0", "int_type"),
])
def test_a_window_that_is_not_a_sensible_whole_number_of_days_is_refused_when_read(
        old: str, new: str, code: str) -> None:
    text, line = standard_yaml_with(old, new, after="  id: allergy")
    problem = only(text)
    assert (problem.path, problem.code, problem.line) == (
        "guarantees[2].conditions[0].window_days", code, line)


@pytest.mark.parametrize("written", ["1.0e+5000000", "'1e5000000'", "'1_000.00'",
                                     "'\uff11\uff10'"])
def test_an_astronomical_or_oddly_written_amount_in_a_policy_is_refused_when_read(
        written: str) -> None:
    problem = only(f"""
        extends: standard
        id: acme
        version: "1"
        overrides:
          late_shipment: {{flat_amount: {written}}}
        """)
    assert problem.path == "overrides.late_shipment.flat_amount"
    assert problem.code in {"amount_too_large", "amount_parsing"}


def test_a_policy_amount_with_more_than_six_fractional_digits_is_refused() -> None:
    problem = only("""
        extends: standard
        id: acme
        version: "1"
        overrides:
          counterfeit: {multiplier: "3.0000001"}
        """)
    assert (problem.path, problem.code) == ("overrides.counterfeit.multiplier",
                                            "amount_precision")


@pytest.mark.parametrize("version", ["012", "0x1F", "1:30", "1_000"])
def test_a_yaml_number_read_as_another_value_is_refused_with_its_line(version: str) -> None:
    problem = only(f"""
        extends: standard
        id: acme
        version: {version}
        """)
    assert (problem.path, problem.code, problem.line) == ("version", "number_form", 3)
    assert "quote it" in problem.message


def test_a_plain_decimal_version_is_read_as_written() -> None:
    policy = read_policy('extends: standard\nid: acme\nversion: 2026.10\n')
    assert policy.id == "acme"
    assert getattr(policy, "version", None) == "2026.10"


@pytest.mark.parametrize("zone", ["/etc/passwd", "/usr/share/zoneinfo/Asia/Shanghai", "../x",
                                  "Asia/../Asia/Shanghai", "", "Mars/Olympus"])
def test_a_time_zone_is_an_iana_name_and_never_a_path(zone: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = open

    def watching_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    problem = only(f'extends: standard\nid: acme\nversion: "1"\ntime_zone: "{zone}"\n')
    assert (problem.path, problem.code) == ("time_zone", "time_zone_unknown")
    assert problem.message == f"unknown time zone {zone!r}: an IANA zone name, e.g. " \
        "Asia/Shanghai"
    assert not [name for name in opened if zone and zone in name]


def test_a_time_zone_in_the_wrong_case_suggests_the_right_one() -> None:
    problem = only('extends: standard\nid: acme\nversion: "1"\ntime_zone: asia/shanghai\n')
    assert problem.message.endswith("did you mean `Asia/Shanghai`?")


@pytest.mark.parametrize("format", ["yaml", "json", "toml"])
def test_a_byte_order_mark_is_accepted_in_every_format(format: Format) -> None:
    text = {"yaml": 'extends: standard\nid: acme\nversion: "1"\n',
            "json": '{"extends": "standard", "id": "acme", "version": "1"}',
            "toml": 'extends = "standard"\nid = "acme"\nversion = "1"\n'}[format]
    assert read_policy("\ufeff" + text, format).id == "acme"
