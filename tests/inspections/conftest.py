import datetime

import pytest

from accounts.models import Role
from inspections import services
from tests.factories import HomeFactory, UserFactory

VISIT_DAY = datetime.date.today() - datetime.timedelta(days=12)


@pytest.fixture
def home(db, visitor, home_manager):
    home = HomeFactory(name="Oak House", registered_manager="Sam Manager")
    home.independent_visitors.add(visitor)
    home.managers.add(home_manager)
    return home


@pytest.fixture
def other_visitor(db):
    return UserFactory(username="other-visitor", role=Role.INDEPENDENT_VISITOR)


def complete_draft(visit, by, **overrides):
    """Fill a draft with what a submission needs: both opinions and one finding."""
    fields = {
        "children_safeguarded": "yes",
        "safeguarding_opinion": "Staff know the children well.",
        "promotes_wellbeing": "yes",
        "wellbeing_opinion": "Children are settled.",
        "records_examined": ["restraint", "missing"],
        **overrides,
    }
    return services.update_visit(
        visit, by=by, findings={"education": "All three attend school."}, **fields
    )


@pytest.fixture
def draft(home, visitor):
    visit = services.start_visit(home=home, by=visitor, visit_date=VISIT_DAY, announced=False)
    return complete_draft(visit, visitor)
