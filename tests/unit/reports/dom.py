"""A small DOM built with html.parser, to look at HTML reports as a browser would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Descendants (and self) with the tag (`*` for any) whose attributes contain
        `attrs`; `class_` matches one class among several."""
        wanted = {key.rstrip("_"): value for key, value in attrs.items()}
        found = []
        for element in self.iter():
            if tag not in ("*", element.tag):
                continue
            if all(value in element.attrs.get(key, "").split() if key == "class"
                   else element.attrs.get(key) == value for key, value in wanted.items()):
                found.append(element)
        return found

    def by_id(self, element_id: str) -> Element:
        (element,) = self.find_all("*", id=element_id)
        return element

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text
                       for child in self.children)

    def table(self) -> list[list[str]]:
        """The text of each cell, row by row (header row included)."""
        return [[cell.text.strip() for cell in row.children
                 if isinstance(cell, Element) and cell.tag in ("th", "td")]
                for row in self.find_all("tr")]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or ""
                                                     for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Element:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
