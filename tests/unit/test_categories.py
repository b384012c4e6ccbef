import pytest

from aftersales.categories import in_scope, is_category_path


@pytest.mark.parametrize("category", ["fresh", "fresh.seafood", "fresh.seafood.shrimp"])
def test_a_scope_entry_covers_itself_and_everything_below(category: str) -> None:
    assert in_scope(category, ["fresh"])


@pytest.mark.parametrize("category", ["freshwater", "freshwater.fish", "pantry", "frES"])
def test_a_scope_entry_does_not_cover_look_alikes_or_parents(category: str) -> None:
    assert not in_scope(category, ["fresh", "pantry.grain_oil"])


def test_a_deeper_scope_entry_does_not_cover_its_parent() -> None:
    assert in_scope("pantry.grain_oil.rice", ["pantry.grain_oil"])
    assert not in_scope("pantry.snacks", ["pantry.grain_oil"])


@pytest.mark.parametrize(("text", "valid"), [
    ("fresh.produce", True), ("beauty", True), ("a1.b_2", True),
    ("Fresh", False), ("fresh.", False), (".fresh", False), ("fresh..x", False), ("", False),
])
def test_category_paths_are_lower_case_dot_paths(text: str, valid: bool) -> None:
    assert is_category_path(text) is valid
