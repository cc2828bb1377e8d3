"""Ledger pages on a child's record: the child's social worker and administrators record;
nobody reaches another child's page by guessing its id."""

import datetime

from django.utils import timezone

from placements.models import AdoptionDecision, MissingEpisode

from .rules import ADMIN, HM, SW, Rule

RECORDED_BY_SOCIAL_WORKERS = (
    "ledger:legal_status_change",
    "ledger:previous_permanence",
    "ledger:adoption_new",
)

RULES = [
    rule
    for name in RECORDED_BY_SOCIAL_WORKERS
    for rule in (
        Rule(name, args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}),
        Rule(name, args=lambda w: [w.my_child.pk], method="post", allowed={SW, ADMIN}),
        Rule(name, args=lambda w: [w.other_child.pk], allowed={ADMIN}),
        Rule(name, args=lambda w: [w.other_child.pk], method="post", allowed={ADMIN}),
    )
]


def _missing_episode(world):
    """An open missing episode of the social worker's child (placed in the manager's home)."""
    return _missing(world.my_child, world.my_placement)


def _other_missing_episode(world):
    return _missing(world.other_child, world.other_placement)


def _missing(child, placement):
    return MissingEpisode.objects.create(
        child=child,
        placement=placement,
        kind="M",
        started_at=timezone.now() - datetime.timedelta(hours=3),
    )


# Missing and back: also the manager of the home the child lives in.
RULES += [
    Rule("ledger:missing_new", args=lambda w: [w.my_child.pk], allowed={SW, HM, ADMIN}),
    Rule("ledger:missing_new", args=lambda w: [w.my_child.pk], method="post",
         allowed={SW, HM, ADMIN}),
    Rule("ledger:missing_new", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    Rule("ledger:missing_return", args=lambda w: [_missing_episode(w).pk],
         allowed={SW, HM, ADMIN}),
    Rule("ledger:missing_return", args=lambda w: [_missing_episode(w).pk], method="post",
         allowed={SW, HM, ADMIN}),
    Rule("ledger:missing_return", args=lambda w: [_other_missing_episode(w).pk],
         allowed={ADMIN}),
]  # fmt: skip


def _decision(child):
    return AdoptionDecision.objects.create(child=child, decided_on=datetime.date(2026, 1, 1))


RULES += [
    Rule("ledger:adoption_edit", args=lambda w: [w.my_child.pk, _decision(w.my_child).pk],
         allowed={SW, ADMIN}),
    Rule("ledger:adoption_edit", args=lambda w: [w.my_child.pk, _decision(w.my_child).pk],
         method="post", allowed={SW, ADMIN}),
    Rule("ledger:adoption_edit", args=lambda w: [w.other_child.pk, _decision(w.other_child).pk],
         allowed={ADMIN}),
    # Another child's decision under my child's address: not found.
    Rule("ledger:adoption_edit", args=lambda w: [w.my_child.pk, _decision(w.other_child).pk],
         allowed=set()),
]  # fmt: skip
