"""Foster carers' approval is reviewed at least once a year."""

import datetime

from django.db.models import F
from django.db.models.functions import Coalesce

from carers.models import ApprovalStatus, CarerHousehold
from core.dates import add_years

from .. import audiences
from ..registry import CheckResult, Condition, register_check

REMIND_DAYS_BEFORE = 28


@register_check("carer_review_due", title="Carer approval review due")
def carer_review_due(day):
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    rows = (
        CarerHousehold.objects.filter(approval_status=ApprovalStatus.APPROVED)
        .order_by()
        .annotate(reviewed=Coalesce(F("last_review_on"), F("approved_on")))
        .filter(reviewed__lte=add_years(horizon, -1))
        .values("pk", "name", "reviewed", "supervising_social_worker_id")
    )
    conditions = []
    for row in rows:
        due = add_years(row["reviewed"], 1)
        conditions.append(
            Condition(
                subject_type="carer",
                subject_id=row["pk"],
                key=row["reviewed"].isoformat(),
                due=due,
                summary=(
                    f"{row['name']}'s annual review of approval {'was' if due < day else 'is'} due "
                    f"by {due:%d/%m/%Y} (last reviewed or approved {row['reviewed']:%d/%m/%Y})."
                ),
                recipients=audiences.people(row["supervising_social_worker_id"]),
            )
        )
    return CheckResult(conditions)
