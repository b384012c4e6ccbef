"""One preview and one diff, shared by the tests of the formats that render them."""

import pytest

import aftersales
from aftersales import Diff, Preview
from tests.unit.reports.cases import good_cases, invalid_case, seven_day_allergy


@pytest.fixture(scope="module")
def previewed() -> Preview:
    return aftersales.preview(None, [*good_cases(), invalid_case()])


@pytest.fixture(scope="module")
def diffed() -> Diff:
    return aftersales.diff(None, seven_day_allergy(), good_cases())
