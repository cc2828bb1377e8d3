"""Homes' pages: the occupancy board, vacancy search and a home's beds and blocks.

They live in the ledger because every one of them counts the stays in a home's beds; the
URLs keep the `homes` namespace (placements/home_urls.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import (
    HOME_EDITORS,
    children_visible_to,
    has_role,
    homes_managed_by,
    homes_visible_to,
    role_required,
)
from accounts.models import Role
from audit import exports
from core.dates import today
from core.form_rescue import form_data
from core.forms import add_rule_errors
from core.lists import filtered, page_of
from homes.forms import BedBlockForm
from homes.models import BedBlock, Home

from . import bed_blocks
from . import occupancy as selectors
from .filters import OCCUPANCY, VACANCIES, OccupancyFilter, VacancyFilter

BOARD_ROLES = (Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.INDEPENDENT_VISITOR)
PLACING_ROLES = (Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER)
MANAGING_ROLES = (Role.ADMINISTRATOR, Role.HOME_MANAGER)


@role_required(*BOARD_ROLES)
def occupancy(request, fmt=None):
    listing = filtered(request, OccupancyFilter, homes_visible_to(request.user))
    day, rows = listing.day, listing.rows()
    if fmt:
        return exports.download(
            request,
            fmt,
            OCCUPANCY,
            rows,
            chosen=listing.chosen,
            prepare=lambda chunk: _look_ahead(request.user, chunk, day),
        )
    page = page_of(request, rows)
    page.object_list = _look_ahead(request.user, page.object_list, day)
    return render(
        request,
        "homes/occupancy.html",
        {
            "listing": listing,
            "page": page,
            "day": day,
            "totals": selectors.bed_totals(rows),
            "named": set().union(*(row.named for row in page.object_list)),
            "look_ahead_days": selectors.LOOK_AHEAD_DAYS,
            "can_add_home": has_role(request.user, *HOME_EDITORS),
        },
    )


def _look_ahead(user, rows, day):
    """The rows with their fortnight's arrivals and departures, and `named`: the children in
    them the person may know by name (two queries, however many rows)."""
    rows = selectors.with_look_ahead(selectors.with_homes(list(rows)), day)
    named = selectors.nameable_children(
        user, [stay for row in rows for stay in row.arrivals + row.departures]
    )
    for row in rows:
        row.named = named
    return rows


@role_required(*PLACING_ROLES)
def vacancies(request, fmt=None):
    """Homes with a bed free for the whole stay. Opened for a child (?child= from their
    record) it is filled in for them, and each home offers to ask its manager for a match."""
    child = _child_to_place(request)
    query = request.GET
    if child is not None and set(query) == {"child"}:
        query = None  # just arrived from the record: show the form filled in, not results
    search = VacancyFilter(query, queryset=Home.objects.all(), request=request)
    if query is None:
        search.form.initial = {"child": child.pk, "start": today(), "age": child.age}
    results = search.results()
    if fmt:
        if results is None:
            return redirect(f"{reverse('homes:vacancies')}?{request.GET.urlencode()}")
        return exports.download(
            request, fmt, VACANCIES, results, chosen=search.chosen, prepare=selectors.with_homes
        )
    page = page_of(request, results) if results is not None else None
    if page is not None:
        page.object_list = selectors.with_homes(page.object_list)
    return render(
        request,
        "homes/vacancies.html",
        {"listing": search, "results": results, "page": page, "child": child},
    )


def _child_to_place(request):
    ref = request.GET.get("child", "")
    if not ref.isdigit() or not has_role(request.user, Role.SOCIAL_WORKER, Role.ADMINISTRATOR):
        return None
    return children_visible_to(request.user).filter(pk=int(ref)).first()


@role_required(*BOARD_ROLES)
def detail(request, pk):
    home = get_object_or_404(homes_visible_to(request.user).select_related("home_type"), pk=pk)
    day = today()
    stays = selectors.home_residents(home, day)
    beds = selectors.home_today(home, day)
    by_child = {episode.child_id: episode for episode in (beds.missing if beds else [])}
    for stay in stays:
        stay.missing = by_child.get(stay.child_id)
    blocks = (
        BedBlock.objects.filter(home=home)
        .live()
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .order_by("start_date")
    )
    return render(
        request,
        "homes/detail.html",
        {
            "home": home,
            "day": day,
            "stays": stays,
            "named": selectors.nameable_children(request.user, stays),
            "units": list(home.units.all()),
            "blocks": list(blocks),
            "beds": beds,
            "can_manage": homes_managed_by(request.user).filter(pk=home.pk).exists(),
            "can_edit": has_role(request.user, *HOME_EDITORS),
            "managers": list(home.managers.all()),
            "visitors": list(home.independent_visitors.all()),
        },
    )


@role_required(*MANAGING_ROLES)
@require_http_methods(["GET", "POST"])
def block_add(request, pk):
    home = get_object_or_404(homes_managed_by(request.user), pk=pk)
    form = BedBlockForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            bed_blocks.block_beds(home=home, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, f"Beds blocked at {home}.")
            return redirect("homes:detail", pk=home.pk)
    return render(request, "homes/block_form.html", {"home": home, "form": form})


@role_required(*MANAGING_ROLES)
@require_http_methods(["GET", "POST"])
def block_cancel(request, pk):
    block = get_object_or_404(
        BedBlock.objects.filter(home__in=homes_managed_by(request.user)).select_related("home"),
        pk=pk,
    )
    if request.method == "POST":
        if not block.cancelled:
            bed_blocks.cancel_block(block, by=request.user)
            messages.success(request, "The bed block was cancelled. The beds can be booked.")
        return redirect(reverse("homes:detail", args=[block.home_id]))
    return render(request, "homes/block_cancel.html", {"bed_block": block})
