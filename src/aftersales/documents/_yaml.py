"""YAML through PyYAML's safe loader only (no tags that build objects, no code), with exact
decimals, refused duplicate keys, and the line on which each path is written."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ..model.errors import InvalidPolicyError, Problem
from ..model.extras import install_hint
from ._limits import MAX_DEPTH, MAX_VALUES

if TYPE_CHECKING:
    import yaml

__all__ = ["dump_yaml", "load_yaml"]

_INSTALL = install_hint("reading and writing YAML", "PyYAML", "cli")


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:  # pragma: no cover - the dev and cli extras install it
        raise InvalidPolicyError([Problem("", "yaml_unavailable", _INSTALL)]) from None
    return yaml


def load_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """The document's data and the line (1-based) each path starts on."""
    yaml = _yaml()
    loader = _loader_class(yaml)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[str, int] = {}
        problems: list[Problem] = []
        _map_lines(node, "", 1, lines, problems, yaml)
        if len(lines) > MAX_VALUES:
            raise InvalidPolicyError([_too_many()])
        if problems:
            raise InvalidPolicyError(problems)
        return loader.construct_document(node), lines
    except RecursionError:
        raise InvalidPolicyError([_too_deep()]) from None
    except yaml.constructor.ConstructorError as error:
        raise InvalidPolicyError([_constructor_problem(error)]) from None
    except yaml.MarkedYAMLError as error:
        _check_depth(text, yaml)
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise InvalidPolicyError([Problem("", "yaml_syntax", f"not valid YAML: {message}",
                                          line)]) from None
    except yaml.YAMLError as error:
        _check_depth(text, yaml)
        raise InvalidPolicyError([Problem("", "yaml_syntax", f"not valid YAML: {error}")]) \
            from None
    finally:
        loader.dispose()


def dump_yaml(data: Any) -> str:
    text: str = _yaml().safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text


_LOADER: Any = None


def _loader_class(yaml: Any) -> type[yaml.SafeLoader]:
    global _LOADER
    if _LOADER is None:
        # libyaml's C parser when PyYAML was built with it (its wheels are): same safe
        # constructors, about ten times faster.
        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class _ExactLoader(base):  # type: ignore[misc,valid-type]
            def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
                text = str(self.construct_scalar(node)).replace("_", "")
                try:
                    return Decimal(text)
                except InvalidOperation:  # .inf, .nan
                    return super().construct_yaml_float(node)

        _ExactLoader.add_constructor("tag:yaml.org,2002:float",
                                     _ExactLoader.construct_yaml_float)
        # Dates and instants stay text, read by the policy as in JSON (by shape: a date, or an
        # instant with a UTC offset), so that a naive or impossible one is a problem on its
        # path, not a date-time YAML made up or an error PyYAML raises.
        _ExactLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                     _ExactLoader.construct_yaml_str)
        _LOADER = _ExactLoader
    loader: type[yaml.SafeLoader] = _LOADER
    return loader


def _constructor_problem(error: Any) -> Problem:
    mark = error.problem_mark
    line = mark.line + 1 if mark is not None else None
    problem = str(error.problem)
    tag = _TAG.search(problem)
    if tag is None:
        if "unhashable key" in problem:
            problem = "a key must be a plain name, not a list or a mapping"
        return Problem("", "yaml_syntax", f"not valid in a policy document: {problem}", line)
    written = tag[1].replace("tag:yaml.org,2002:", "!!")
    return Problem("", "yaml_tag_refused", f"the tag {written} is refused: a policy document "
                   "is plain data, and a tag that would build a Python object (or run code) "
                   "is never run", line)


_TAG = re.compile(r"for the tag '([^']*)'")


def _check_depth(text: str, yaml: Any) -> None:
    """Refuse, as too deep, a document the parser refused when it nests deeper than
    MAX_DEPTH before its first error: a parser may have a nesting limit of its own (libyaml
    in PyYAML 6.0.4 refuses 1,000 flow levels as a syntax error), and the depth is the
    problem to report. Counted on the pure-Python parser's events, which stop at the first
    error and keep no nesting limit; it only runs on a document already refused."""
    depth = 0
    opening, closing = (yaml.SequenceStartEvent, yaml.MappingStartEvent), \
        (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    events = yaml.parse(text, Loader=yaml.SafeLoader)
    try:
        for event in events:
            if isinstance(event, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InvalidPolicyError([_too_deep()])
            elif isinstance(event, closing):
                depth -= 1
    except yaml.YAMLError:
        return  # the error comes before the depth does: report it as it is


_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+"
                           r"([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _number_form(path: str, node: Any) -> Problem:
    """YAML 1.1 reads `012` as octal 10, `0x1F` as 31, `1:30` as 90 and `1_000` as 1000: a
    number written so is almost never what its author meant (a version `012`, a window of
    `012` days), and reads back as different text."""
    return Problem(path, "number_form", f"{node.value} is a YAML number in octal, hexadecimal, "
                   "binary or base-60 form, or with underscores, which YAML reads as another "
                   f"value: write it in plain decimal, or quote it (\"{node.value}\") if it is "
                   "text", node.start_mark.line + 1)


def _too_deep() -> Problem:
    return Problem("", "document_too_deep",
                   f"the document nests more than {MAX_DEPTH} levels deep; refused")


def _too_many() -> Problem:
    return Problem("", "document_too_large",
                   f"the document holds more than {MAX_VALUES:,} values (YAML aliases count "
                   "once per use); refused")


def _map_lines(node: Any, path: str, depth: int, lines: dict[str, int],
               problems: list[Problem], yaml: Any) -> None:
    # An alias is walked once per use, as it would be validated: an alias bomb stops here,
    # at MAX_VALUES paths, long before it could be expanded.
    if depth > MAX_DEPTH:
        raise InvalidPolicyError([_too_deep()])
    if len(lines) > MAX_VALUES:
        raise InvalidPolicyError([_too_many()])
    if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS \
            and not _PLAIN_NUMBER.fullmatch(node.value):
        problems.append(_number_form(path, node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            child = f"{path}.{key}" if path else str(key)
            if key in seen and key != "<<":
                problems.append(Problem(child, "duplicate_key",
                                        f"{key!r} is written twice (lines {seen[key]} and "
                                        f"{line}); YAML would keep only the last", line))
            seen[key] = line
            lines.setdefault(child, line)
            _map_lines(value_node, child, depth + 1, lines, problems, yaml)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{path}[{index}]"
            lines.setdefault(child, item.start_mark.line + 1)
            _map_lines(item, child, depth + 1, lines, problems, yaml)
