"""Policy documents: a policy (or its versions in force) written as a YAML, JSON or TOML
file, read safely and exactly, with every problem listed by path and line.

Three forms (docs/policy-files.md): a full policy (what `Policy.to_dict()` writes); a policy
that `extends: standard` and overrides parameters only; and `versions:`, a policy's versions
in force, each with its `effective_from`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..engine import policy_of
from ..model import hooks
from ..model.errors import InvalidPolicyError, Problem
from ..policy.versions import AnyPolicy
from ._formats import Format, format_of, parse_document, write_document
from ._limits import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_VALUES
from ._names import POLICY_NAMES, is_policy_name, named_policy
from ._read import build_policy
from ._schema import policy_schema
from .ucp import UcpExport, Unexpressed, export_ucp, import_ucp, ucp_schemas

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_VALUES",
    "POLICY_NAMES",
    "STANDARD_DOCUMENT",
    "Format",
    "UcpExport",
    "Unexpressed",
    "dump_policy",
    "export_ucp",
    "import_ucp",
    "is_policy_name",
    "load_policy",
    "named_policy",
    "policy_schema",
    "read_policy",
    "ucp_schemas",
    "write_policy",
]

STANDARD_DOCUMENT = files("aftersales") / "data" / "standard-policy.yaml"
"""The standard policy as a document (what `aftersales policy show standard` prints)."""


def load_policy(source: str | Path) -> AnyPolicy:
    """The policy shipped under the name `source` (`"standard"`; see `POLICY_NAMES`), or the
    policy, or versions in force, in the file at `source`, in the format its suffix names
    (`.yaml`/`.yml`, `.json`, `.toml`). A `str` written as a bare name (`is_policy_name`) is
    a name; a `Path`, or text with a `/` or a `.`, is a file (`"./standard"`). Raises
    `OSError` if the file cannot be read and `InvalidPolicyError` listing every problem (path,
    and line for YAML) if it is not a valid policy, or if no policy has that name."""
    if isinstance(source, str) and is_policy_name(source):
        return named_policy(source)
    path = Path(source)
    with path.open("rb") as file:  # whatever it is (a pipe, /dev/zero): never past the limit
        data = file.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidPolicyError([Problem("", "document_too_large",
                                          f"{path} is more than {MAX_DOCUMENT_BYTES:,} bytes; a "
                                          "policy document may have at most "
                                          f"{MAX_DOCUMENT_BYTES:,}")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidPolicyError([Problem("", "not_utf8", f"{path} is not UTF-8 text: "
                                          f"{error.reason} at byte {error.start}")]) from None
    return read_policy(text, format_of(path))


def read_policy(text: str, format: Format = "yaml") -> AnyPolicy:
    """The policy, or the versions in force, in the document `text`."""
    data, lines = parse_document(text, format)
    return build_policy(data, lines)


def dump_policy(policy: AnyPolicy | str | None, format: Format = "yaml") -> str:
    """`policy` as a document in `format` (the standard policy for None, a shipped policy by
    its name); `read_policy` gives it back exactly."""
    return write_document(policy_of(policy).to_dict(), format)


def write_policy(policy: AnyPolicy | str | None, path: str | Path) -> None:
    """Write `policy` (as `dump_policy` reads it) to `path` in the format its suffix
    names."""
    Path(path).write_text(dump_policy(policy, format_of(path)), encoding="utf-8")


hooks.install(load=load_policy, write=write_policy)
