import datetime

from tests.factories import BedBlockFactory, UnitFactory

from .rules import ADMIN, HM, IV, SW, Rule

BOARD = {ADMIN, SW, HM, IV}


def _block(home):
    return BedBlockFactory(home=home, start_date=datetime.date.today() + datetime.timedelta(30))


RULES = [
    Rule("homes:occupancy", allowed=BOARD),
    Rule("homes:vacancies", allowed={ADMIN, SW, HM}),
    # The manager manages and the visitor visits my_home only.
    Rule("homes:detail", args=lambda w: [w.my_home.pk], allowed=BOARD),
    Rule("homes:detail", args=lambda w: [w.other_home.pk], allowed={ADMIN, SW}),
    Rule("homes:block_add", args=lambda w: [w.my_home.pk], allowed={ADMIN, HM}),
    Rule("homes:block_add", args=lambda w: [w.other_home.pk], allowed={ADMIN}),
    Rule("homes:block_add", args=lambda w: [w.my_home.pk], allowed={ADMIN, HM}, method="post"),
    Rule("homes:block_cancel", args=lambda w: [_block(w.my_home).pk], allowed={ADMIN, HM}),
    Rule("homes:block_cancel", args=lambda w: [_block(w.other_home).pk], allowed={ADMIN}),
    Rule(
        "homes:block_cancel",
        args=lambda w: [_block(w.my_home).pk],
        allowed={ADMIN, HM},
        method="post",
    ),
]

# Adding and changing homes, their units, managers and visitors: administrators only.


def _unit(w):
    return [UnitFactory(home=w.my_home).pk]


RULES += [
    Rule("homes:new", allowed={ADMIN}),
    Rule("homes:new", allowed={ADMIN}, method="post"),
    Rule("homes:edit", args=lambda w: [w.my_home.pk], allowed={ADMIN}),
    Rule("homes:edit", args=lambda w: [w.my_home.pk], allowed={ADMIN}, method="post"),
    Rule("homes:people", args=lambda w: [w.my_home.pk], allowed={ADMIN}),
    Rule("homes:people", args=lambda w: [w.my_home.pk], allowed={ADMIN}, method="post"),
    Rule("homes:unit_add", args=lambda w: [w.my_home.pk], allowed={ADMIN}),
    Rule("homes:unit_add", args=lambda w: [w.my_home.pk], allowed={ADMIN}, method="post"),
    Rule("homes:unit_edit", args=_unit, allowed={ADMIN}),
    Rule("homes:unit_edit", args=_unit, allowed={ADMIN}, method="post"),
]
