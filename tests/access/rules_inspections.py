"""Regulation 44/45 pages: the visitor sees only the homes assigned to them, the manager only
their own homes, the administrator all; board members, social workers and personal advisers
are refused every page (reports name children by first name or initials)."""

import datetime

from django.utils import timezone

from accounts.models import Role
from inspections.models import Recommendation, Reg44Visit, Reg45Review

from .rules import ADMIN, HM, IV, Rule

READERS = {IV, HM, ADMIN}
NOBODY = set()
DAY = datetime.date.today() - datetime.timedelta(days=3)


def _visit(world, home, *, submitted=True, visitor=None):
    """A visit to `home` written by the world's visitor (or `visitor`), complete enough to submit."""
    return Reg44Visit.objects.create(
        home=home,
        visitor=visitor or world.users[Role.INDEPENDENT_VISITOR],
        visit_date=DAY,
        children_safeguarded="yes",
        promotes_wellbeing="yes",
        status="submitted" if submitted else "draft",
        submitted_at=timezone.now() if submitted else None,
    )


def _other_draft(world):
    """A draft at the other home by a visitor who is not the world's visitor."""
    return _visit(world, world.other_home, submitted=False, visitor=world.users[Role.ADMINISTRATOR])


def _action(world, home):
    visit = _visit(world, home)
    return Recommendation.objects.create(visit=visit, text="Fix", owner="RM", due_date=DAY)


def _review(world, home, status="draft"):
    return Reg45Review.objects.create(
        home=home,
        period_start=DAY - datetime.timedelta(days=180),
        period_end=DAY,
        author=world.users[Role.ADMINISTRATOR],
        status=status,
        manager_assessment="Good",
        improvement_plan="More",
    )


def _draft_pk(w):
    return [_visit(w, w.my_home, submitted=False).pk]


def _submitted_pk(w):
    return [_visit(w, w.my_home).pk]


def _other_pk(w):
    return [_visit(w, w.other_home).pk]


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


RULES = [
    Rule("inspections:index", allowed=READERS),
    Rule("inspections:actions", allowed=READERS),
    Rule("inspections:home", args=lambda w: [w.my_home.pk], allowed=READERS),
    Rule("inspections:home", args=lambda w: [w.other_home.pk], allowed={ADMIN}),
    # Only the home's assigned visitor records a visit.
    Rule("inspections:visit_create", args=lambda w: [w.my_home.pk], allowed={IV}),
    Rule("inspections:visit_create", args=lambda w: [w.other_home.pk], allowed=NOBODY),
    Rule(
        "inspections:visit_create",
        args=lambda w: [w.my_home.pk],
        allowed={IV},
        method="post",
        data=lambda w: {**_date("visit_date", DAY), "announced": "no"},
    ),
    Rule("inspections:visit_detail", args=_submitted_pk, allowed=READERS),
    Rule("inspections:visit_detail", args=_draft_pk, allowed={IV, ADMIN}),
    Rule("inspections:visit_detail", args=_other_pk, allowed={ADMIN}),
    Rule("inspections:visit_edit", args=_draft_pk, allowed={IV}),
    Rule("inspections:visit_edit", args=_submitted_pk, allowed=NOBODY),
    Rule("inspections:visit_edit", args=lambda w: [_other_draft(w).pk], allowed=NOBODY),
    Rule("inspections:person_add", args=_draft_pk, allowed={IV}),
    Rule("inspections:person_add", args=lambda w: [_other_draft(w).pk], allowed=NOBODY),
    Rule("inspections:recommendation_add", args=_draft_pk, allowed={IV}),
    Rule("inspections:recommendation_add", args=_submitted_pk, allowed=NOBODY),
    Rule("inspections:visit_submit", args=_draft_pk, allowed={IV}),  # check your answers
    Rule("inspections:visit_submit", args=_draft_pk, allowed={IV}, method="post"),
    Rule("inspections:visit_submit", args=_submitted_pk, allowed=NOBODY, method="post"),
    Rule("inspections:visit_sign_off", args=_submitted_pk, allowed={ADMIN}, method="post"),
    Rule("inspections:visit_sign_off", args=_other_pk, allowed={ADMIN}, method="post"),
    Rule("inspections:visit_send", args=_submitted_pk, allowed={IV, ADMIN}, method="post"),
    Rule("inspections:visit_send", args=_other_pk, allowed={ADMIN}, method="post"),
    Rule("inspections:visit_correct", args=_submitted_pk, allowed={IV}),
    Rule("inspections:visit_correct", args=_other_pk, allowed=NOBODY),
    Rule("inspections:visit_pdf", args=_submitted_pk, allowed=READERS),
    Rule("inspections:visit_pdf", args=_other_pk, allowed={ADMIN}),
    # Only the home's manager (or an administrator) answers its actions.
    Rule(
        "inspections:action_respond", args=lambda w: [_action(w, w.my_home).pk], allowed={HM, ADMIN}
    ),
    Rule(
        "inspections:action_respond", args=lambda w: [_action(w, w.other_home).pk], allowed={ADMIN}
    ),
    Rule("inspections:reg40_create", args=lambda w: [w.my_home.pk], allowed={HM, ADMIN}),
    Rule("inspections:reg40_create", args=lambda w: [w.other_home.pk], allowed={ADMIN}),
    Rule("inspections:incident_create", args=lambda w: [w.my_home.pk], allowed={HM, ADMIN}),
    Rule("inspections:incident_create", args=lambda w: [w.other_home.pk], allowed={ADMIN}),
    Rule("inspections:review_create", args=lambda w: [w.my_home.pk], allowed={HM, ADMIN}),
    Rule("inspections:review_create", args=lambda w: [w.other_home.pk], allowed={ADMIN}),
    # A visitor reads a home's review once it is completed.
    Rule(
        "inspections:review_detail",
        args=lambda w: [_review(w, w.my_home, "completed").pk],
        allowed=READERS,
    ),
    Rule(
        "inspections:review_detail", args=lambda w: [_review(w, w.my_home).pk], allowed={HM, ADMIN}
    ),
    Rule(
        "inspections:review_detail", args=lambda w: [_review(w, w.other_home).pk], allowed={ADMIN}
    ),
    Rule("inspections:review_edit", args=lambda w: [_review(w, w.my_home).pk], allowed={HM, ADMIN}),
    Rule("inspections:review_edit", args=lambda w: [_review(w, w.other_home).pk], allowed={ADMIN}),
    Rule(
        "inspections:review_complete",
        args=lambda w: [_review(w, w.my_home).pk],
        allowed={HM, ADMIN},
        method="post",
    ),
    Rule(
        "inspections:review_pdf",
        args=lambda w: [_review(w, w.my_home, "completed").pk],
        allowed=READERS,
    ),
    Rule("inspections:review_pdf", args=lambda w: [_review(w, w.other_home).pk], allowed={ADMIN}),
]
