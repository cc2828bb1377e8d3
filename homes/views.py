"""Homes' pages: the occupancy board, vacancy search and a home's beds and blocks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import homes_managed_by, homes_visible_to, role_required
from accounts.models import Role
from core.dates import today
from core.form_rescue import form_data
from placements.forms import add_rule_errors

from . import selectors, services
from .forms import BedBlockForm, OccupancyFilterForm, VacancySearchForm
from .models import BedBlock, Home

BOARD_ROLES = (Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.INDEPENDENT_VISITOR)
PLACING_ROLES = (Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER)
MANAGING_ROLES = (Role.ADMINISTRATOR, Role.HOME_MANAGER)


@role_required(*BOARD_ROLES)
def occupancy(request):
    form = OccupancyFilterForm(request.GET or None)
    day, homes = today(), homes_visible_to(request.user)
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["date"] or day
        if form.cleaned_data["home_type"]:
            homes = homes.filter(home_type=form.cleaned_data["home_type"])
    rows = selectors.occupancy(homes, day)
    stays = [p for row in rows for p in row.arrivals + row.departures]
    totals = {
        "beds": sum(r.beds for r in rows),
        "occupied": sum(r.occupied for r in rows),
        "blocked": sum(r.blocked for r in rows),
        "free": sum(r.free for r in rows),
    }
    return render(
        request,
        "homes/occupancy.html",
        {
            "form": form,
            "day": day,
            "rows": rows,
            "totals": totals,
            "named": selectors.nameable_children(request.user, stays),
            "look_ahead_days": selectors.LOOK_AHEAD_DAYS,
        },
    )


@role_required(*PLACING_ROLES)
def vacancies(request):
    form = VacancySearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = selectors.vacancies(
            data["start"], data["end"], home_type=data["home_type"], age=data["age"]
        )
    return render(request, "homes/vacancies.html", {"form": form, "results": results})


@role_required(*BOARD_ROLES)
def detail(request, pk):
    home = get_object_or_404(homes_visible_to(request.user).select_related("home_type"), pk=pk)
    day = today()
    stays = selectors.home_residents(home, day)
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
            "units": list(home.units.filter(is_active=True)),
            "blocks": list(blocks),
            "occupancy": selectors.occupancy(Home.objects.filter(pk=home.pk), day),
            "can_manage": homes_managed_by(request.user).filter(pk=home.pk).exists(),
        },
    )


@role_required(*MANAGING_ROLES)
@require_http_methods(["GET", "POST"])
def block_add(request, pk):
    home = get_object_or_404(homes_managed_by(request.user), pk=pk)
    form = BedBlockForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.block_beds(home=home, by=request.user, **form.cleaned_data)
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
            services.cancel_block(block, by=request.user)
            messages.success(request, "The bed block was cancelled. The beds can be booked.")
        return redirect(reverse("homes:detail", args=[block.home_id]))
    return render(request, "homes/block_cancel.html", {"bed_block": block})
