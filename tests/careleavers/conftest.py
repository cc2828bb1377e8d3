"""Care leavers' pages read today's date; these tests run on the same fixed day as the carers'
(tests/carers/conftest.py)."""

from tests.carers.conftest import _fixed_day  # noqa: F401 - the autouse fixture, for this folder
