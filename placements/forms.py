"""Forms for recording, moving and ending placements, extensions and matching.

Forms check what a person typed (types, real dates, lengths, choices they may make); the
placement rules themselves run in placements.services and come back as field errors
through `add_rule_errors`.
"""

import contextlib
import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse_lazy
from django.utils.html import format_html

from accounts.access import children_visible_to, has_role, homes_managed_by
from accounts.models import Role
from carers.models import CarerHousehold
from children.models import Child
from core import codes, postcodes
from core.dates import in_words
from core.forms import (
    DayMonthYearField,
    GovForm,
    VersionedForm,
    check_end_after_start,
    long_text,
)
from core.search_select import SearchChoiceField
from homes.models import Home, Unit

from .models import MatchingAssessment, MatchingRisk, Outcome


def coded(choices) -> list[tuple[str, str]]:
    """DfE codes shown as plain English, with the code after it for people who know them."""
    return [(value, f"{label} ({value})") for value, label in choices.choices]


def _search(name, search_fields, label, empty, required=True, help_text=""):
    """A record chosen by searching, not from a drop-down (there are thousands of children,
    households and homes); the results as you type come from placements:choices. The form
    sets its queryset: the records this person may choose."""
    return SearchChoiceField(
        Child.objects.none(),
        search_url=reverse_lazy("placements:choices", args=[name]),
        search_fields=search_fields,
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"invalid_choice": f"{empty} from the list"},
    )


def placement_type_field():
    return forms.ChoiceField(
        label="Placement type (optional for a home or household)",
        choices=[("", "The usual type for the home or household")] + coded(codes.PlacementType),
        required=False,
        help_text="For example, long-term foster care (U4), or a hospital stay (T1)",
        error_messages={"invalid_choice": "Choose a placement type from the list"},
    )


def provider_field():
    return forms.ChoiceField(
        label="Placement provider (optional for a home or household)",
        choices=[("", "The usual provider, or none for a temporary placement")]
        + coded(codes.PlacementProvider),
        required=False,
        error_messages={"invalid_choice": "Choose a placement provider from the list"},
    )


def family_postcode_field():
    return forms.CharField(
        label="Family's home postcode (optional)",
        max_length=8,
        required=False,
        help_text="Only if the family has moved: otherwise the postcode on the child's record",
    )


def _clean_family_postcode(form):
    postcode = form.cleaned_data["home_postcode"].strip()
    if postcode and not postcodes.is_valid_format(postcode):
        raise ValidationError("Enter the family's real postcode, like LS1 1AA")
    return postcodes.normalise(postcode) if postcode else ""


class WhereFields(GovForm):
    """Where the child will live: a children's home (and a unit in it) or a carer household.

    Social workers and administrators may choose any open home and any household; a home
    manager only their own homes."""

    home = _search(
        "home",
        ["name"],
        "Children's home",
        "Choose a home",
        required=False,
        help_text="Search by name. Or choose a carer household below",
    )
    unit = _search(
        "unit",
        ["name", "home__name"],
        "Bed, trainer flat or linked house",
        "Choose a unit",
        required=False,
        help_text="Only for homes that have them. Search by the home's or the unit's name",
    )
    carer = _search(
        "carer",
        ["name"],
        "Carer household",
        "Choose a household",
        required=False,
        help_text="Search by name",
    )

    provider_name = forms.CharField(
        label="Or somewhere else",
        max_length=120,
        required=False,
        help_text="For a placement neither in a home nor with a household: the hospital, "
        "school, young offender institution, parents or adopters. Choose its placement type",
    )
    placement_postcode = forms.CharField(
        label="Its postcode", max_length=8, required=False, help_text="For example, LS1 1AA"
    )
    urn = forms.CharField(
        label="Its Ofsted URN (if it has one)",
        max_length=8,
        required=False,
        help_text="For example, SC123456. Hospitals, custody, parents and temporary "
        "placements have none",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        homes = (
            homes_managed_by(user)
            if has_role(user, Role.HOME_MANAGER)
            else Home.objects.filter(closed_on__isnull=True)
        )
        carers = (
            CarerHousehold.objects.none()
            if has_role(user, Role.HOME_MANAGER)
            else CarerHousehold.objects.all()
        )
        self.fields["home"].queryset = homes.order_by("name")
        self.fields["unit"].queryset = (
            Unit.objects.filter(home__in=homes, is_active=True)
            .select_related("home")
            .order_by("home__name", "name")
        )
        self.fields["carer"].queryset = carers.order_by("name")

    def clean_placement_postcode(self):
        postcode = self.cleaned_data["placement_postcode"].strip()
        if postcode and not postcodes.is_valid_format(postcode):
            raise ValidationError("Enter a real postcode, like LS1 1AA")
        return postcodes.normalise(postcode) if postcode else ""

    def clean(self):
        data = super().clean()
        home, carer, elsewhere = data.get("home"), data.get("carer"), data.get("provider_name")
        chosen = [name for name, given in (("home", home), ("carer", carer)) if given]
        if len(chosen) + bool(elsewhere) > 1:
            self.add_error(
                "provider_name" if elsewhere else "carer",
                "Choose a children's home, a carer household or somewhere else: only one",
            )
        elif not chosen and not elsewhere and not {"home", "carer"} & set(self.errors):
            self.add_error("home", "Choose a children's home or a carer household, or name where")
        if elsewhere and not data.get("placement_type") and "placement_type" in self.fields:
            self.add_error("placement_type", "Choose the placement type of a placement elsewhere")
        if data.get("unit") and not home:
            self.add_error("unit", "Choose the home the unit is in")
        return data


class PlacementForm(WhereFields):
    submit_label = "Record placement"

    field_order = ["child", "home", "unit", "carer"]

    child = _search(
        "child",
        [F("search_text")],
        "Child or young person",
        "Choose a child",
        help_text="Search by name or local identifier, for example LC000123",
    )
    start_date = DayMonthYearField(label="Start date", help_text="For example, 27 3 2026")
    planned_end_date = DayMonthYearField(
        label="Planned end date",
        required=False,
        help_text="Homes with a stay limit need one. The child leaves on this day.",
    )
    purpose = long_text("Purpose", "What this stay is for, and how it will end")
    legal_status = forms.ChoiceField(
        label="Legal status", choices=[("", "Choose a legal status")] + coded(codes.LegalStatus)
    )
    placement_type = placement_type_field()
    provider = provider_field()
    home_postcode = family_postcode_field()
    is_short_break = forms.BooleanField(
        label="This is a short break (17 days at most)", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["child"].queryset = children_visible_to(user).order_by(
            "last_name", "first_name"
        )
        for name in ("legal_status", "placement_type", "provider"):
            self.fields[name].error_messages["invalid_choice"] = "Choose an option from the list"

    clean_home_postcode = _clean_family_postcode


class MoveForm(WhereFields):
    """A move: where to, and what changes for the DfE return with it (placement type, provider,
    legal status, the family's postcode); the reason for the new episode is worked out."""

    submit_label = "Move child"

    field_order = ["move_date", "home", "unit", "carer"]

    move_date = DayMonthYearField(
        label="Move date", help_text="The day the child leaves one place and arrives at the next"
    )
    planned_end_date = DayMonthYearField(label="Planned end date", required=False)
    reason_placement_change = forms.ChoiceField(
        label="Reason for the move",
        choices=[("", "Choose a reason")] + coded(codes.ReasonPlacementChange),
        error_messages={
            "required": "Choose the reason for the move",
            "invalid_choice": "Choose a reason from the list",
        },
    )
    purpose = long_text("Purpose", "What the new stay is for")
    placement_type = placement_type_field()
    provider = provider_field()
    legal_status = forms.ChoiceField(
        label="Legal status from the move date (optional)",
        choices=[("", "No change")] + coded(codes.LegalStatus),
        required=False,
        help_text="Only if the legal status changes on the day of the move",
        error_messages={"invalid_choice": "Choose a legal status from the list"},
    )
    home_postcode = family_postcode_field()

    clean_home_postcode = _clean_family_postcode


class EndForm(GovForm):
    """The end of a stay. The view shows the answers to check (`summary`) before saving; each
    answer's Change link opens the form again with every answer in it (`answers_from`)."""

    submit_label = "Continue"

    end_date = DayMonthYearField(label="End date", help_text="The day the child left")
    outcome = forms.ChoiceField(
        label="Where did the child go?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the child went"},
    )
    reason_episode_ceased = forms.ChoiceField(
        label="Reason the episode ended",
        choices=[("", "Choose a reason")] + coded(codes.ReasonEpisodeCeased),
        error_messages={"required": "Choose the reason the episode ended"},
    )
    reason_placement_change = forms.ChoiceField(
        label="Reason for the change of placement (if the child moved on)",
        choices=[("", "Not applicable")] + coded(codes.ReasonPlacementChange),
        required=False,
    )

    @classmethod
    def answers_from(cls, query) -> dict:
        """Initial answers from a Change link's query string; anything unreadable is left out."""
        initial = {
            name: query[name]
            for name in ("outcome", "reason_episode_ceased", "reason_placement_change")
            if name in query
        }
        with contextlib.suppress(ValueError):
            initial["end_date"] = datetime.date.fromisoformat(query.get("end_date", ""))
        return initial

    def answers(self) -> dict[str, str]:
        """The checked answers as the confirm step posts them again (the date as 2026-03-27)."""
        data = self.cleaned_data
        return {name: str(data[name]) for name in self.fields} | {
            "end_date": data["end_date"].isoformat()
        }

    def change_query(self) -> str:
        """The query string that opens the form again with these answers in it."""
        return f"?{urlencode(self.answers())}"

    def summary(self) -> list[dict]:
        """Each answer in words, with the link that changes it: [{label, value, change}]."""
        query = self.change_query()
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data[name]
            if name == "end_date":
                shown = in_words(value)
            else:
                shown = dict(field.choices).get(value) or "Not applicable"
            # The first input of each question (crispy-forms-gds numbers radios from 1).
            anchor = {"end_date": "end_date_0", "outcome": "outcome_1"}.get(name, name)
            rows.append({"label": field.label, "value": shown, "change": f"{query}#id_{anchor}"})
        return rows


class PlannedEndForm(VersionedForm, GovForm):
    """Change the planned end. `version` is the placement's version when the form was opened,
    so a save over someone else's newer change is refused instead of overwriting it."""

    submit_label = "Save planned end date"

    planned_end_date = DayMonthYearField(label="Planned end date")


class ExtensionRequestForm(GovForm):
    submit_label = "Request extension"

    extend_to = DayMonthYearField(
        label="Date to stay until", help_text="The new latest end date, for example 27 3 2026"
    )
    reason = long_text("Reason", "Why the young person needs to stay longer", required=True)


class ExtensionDecisionForm(GovForm):
    submit_label = "Record decision"

    decision = forms.ChoiceField(
        label="Decision",
        choices=[("authorise", "Authorise the extension"), ("refuse", "Refuse the extension")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to authorise or refuse the extension"},
    )
    note = long_text("Reason for the decision", "Required when you authorise")


class ImpactAssessmentForm(GovForm):
    """The manager's impact-risk assessment of admitting a child: one risk level and note per
    child living in the home on the proposed start, the decision and a summary, signed off."""

    submit_label = "Sign off matching assessment"

    decision = forms.ChoiceField(
        label="Decision",
        choices=MatchingAssessment.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the child can be admitted"},
    )
    summary = long_text(
        "Summary",
        "The impact on the home and why you decided, with any conditions. The social worker "
        "reads this, so do not name the children living in the home.",
        required=True,
    )
    signed_off = forms.BooleanField(
        label="I have considered the impact on every child living in the home",
        error_messages={"required": "Confirm you have considered every child living in the home"},
    )

    def __init__(self, *args, residents, **kwargs):
        self.residents = list(residents)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        risks = []
        for resident in self.residents:
            self.fields[f"risk_{resident.pk}"] = forms.ChoiceField(
                # crispy-forms-gds writes labels unescaped: the name is escaped here
                label=format_html("Risk to and from {}", resident.full_name),
                choices=MatchingRisk.Level.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the risk level for {resident.full_name}"},
            )
            self.fields[f"note_{resident.pk}"] = long_text(
                format_html("Note about {}", resident.full_name)
            )
            risks += [f"risk_{resident.pk}", f"note_{resident.pk}"]
        self.order_fields(risks)  # the children first, then the decision and sign-off
        return super().layout_fields()

    def risks(self):
        return [
            (r, self.cleaned_data[f"risk_{r.pk}"], self.cleaned_data[f"note_{r.pk}"])
            for r in self.residents
        ]


def _answer(label, hint, required_message):
    """A required long answer whose message says what to enter."""
    field = long_text(label, hint, required=True)
    field.error_messages["required"] = required_message
    return field


class MatchRequestForm(GovForm):
    """What the social worker tells the home's manager when asking for a match."""

    submit_label = "Send match request"

    proposed_start = DayMonthYearField(
        label="Proposed start date",
        help_text="The day the child would arrive, for example 27 3 2026",
    )
    proposed_end = DayMonthYearField(
        label="Planned end date",
        required=False,
        help_text="The day the child would leave. Homes with a stay limit need one later.",
    )
    needs = _answer(
        "What the child needs from the home",
        "Their needs, what is going well, and the risks the manager should weigh against the "
        "children living there",
        "Enter what the child needs from the home",
    )

    def clean(self):
        data = super().clean()
        check_end_after_start(self, "proposed_start", "proposed_end")
        return data


class DeclineForm(GovForm):
    submit_label = "Decline match request"

    reason = _answer(
        "Why the home cannot take the child",
        "The social worker reads this",
        "Enter why the home cannot take the child",
    )


class WithdrawForm(GovForm):
    submit_label = "Withdraw match request"

    reason = _answer(
        "Why you are withdrawing the request",
        "The home's manager is told",
        "Enter why you are withdrawing the request",
    )


class CancelLeavingForm(GovForm):
    submit_label = "Cancel the planned move or end"

    reason = _answer(
        "Why it is cancelled",
        "Kept in the placement's history",
        "Enter why the planned move or end is cancelled",
    )
