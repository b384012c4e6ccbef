import pytest

from aftersales.model.categories import in_scope, is_category_path, normal_category


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
    ("fresh.produce", True), ("beauty", True), ("a1.b_2", True), ("beauty-care.skin", True),
    ("Fresh", True), ("美妆.护肤", True), ("fresh.", False), (".fresh", False),
    ("fresh..x", False), ("", False), ("fresh produce", False), ("fresh\tproduce", False),
    ("fresh\u00a0x", False), ("fresh\u200bx", False), ("fresh\nx", False), ("x" * 201, False),
])
def test_category_paths_are_dotted_segments_without_spaces_or_control_characters(
        text: str, valid: bool) -> None:
    assert is_category_path(text) is valid


@pytest.mark.parametrize(("text", "normal"), [
    ("Beauty-Care.Skincare", "beauty-care.skincare"), ("美妆.护肤", "美妆.护肤"),
    ("cafe\u0301", "caf\u00e9"), ("CAF\u00c9", "caf\u00e9"),
])
def test_categories_are_compared_in_nfc_and_lower_case(text: str, normal: str) -> None:
    assert normal_category(text) == normal
