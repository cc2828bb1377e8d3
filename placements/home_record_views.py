"""Adding and changing homes, their units, managers and Regulation 44 visitors: administrators
only (accounts.access.HOME_EDITORS). Served under /homes/ with the homes' pages; the writes are
in placements.home_services because they count the stays in the home."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import HOME_EDITORS, role_required
from core.form_rescue import form_data
from core.forms import submit
from homes.forms import HomeForm, HomePeopleForm, UnitForm
from homes.models import Home, Unit

from . import home_services


def _form_page(request, form, title, home=None):
    return render(request, "homes/record_form.html", {"form": form, "title": title, "home": home})


@role_required(*HOME_EDITORS)
def home_new(request):
    form = HomeForm(form_data(request))

    def save(**fields):
        return home_services.create_home(by=request.user, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{form.saved} was added. Add its managers and visitors next.")
        return redirect("homes:detail", pk=form.saved.pk)
    return _form_page(request, form, "Add a home")


@role_required(*HOME_EDITORS)
def home_edit(request, pk):
    home = get_object_or_404(Home.objects.select_related("home_type"), pk=pk)
    form = HomeForm(form_data(request), record=home)

    def save(version, **fields):
        home_services.update_home(home, by=request.user, expected_version=version, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Details of {home} saved.")
        return redirect("homes:detail", pk=home.pk)
    return _form_page(request, form, "Change home details", home)


@role_required(*HOME_EDITORS)
def home_people(request, pk):
    home = get_object_or_404(Home, pk=pk)
    form = HomePeopleForm(form_data(request), home=home)

    def save(version, managers, independent_visitors):
        home_services.allocate_home_people(
            home,
            by=request.user,
            expected_version=version,
            managers=list(managers),
            independent_visitors=list(independent_visitors),
        )

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Managers and visitors of {home} saved.")
        return redirect("homes:detail", pk=home.pk)
    return _form_page(request, form, "Managers and Regulation 44 visitors", home)


@role_required(*HOME_EDITORS)
def unit_add(request, pk):
    home = get_object_or_404(Home.objects.select_related("home_type"), pk=pk)
    form = UnitForm(form_data(request))

    def save(**fields):
        home_services.add_unit(home, by=request.user, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{form.cleaned_data['name']} was added to {home}.")
        return redirect("homes:detail", pk=home.pk)
    return _form_page(request, form, "Add a unit", home)


@role_required(*HOME_EDITORS)
def unit_edit(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("home__home_type"), pk=pk)
    form = UnitForm(form_data(request), record=unit)

    def save(version, **fields):
        home_services.update_unit(unit, by=request.user, expected_version=version, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{unit.name} at {unit.home} saved.")
        return redirect("homes:detail", pk=unit.home_id)
    return _form_page(request, form, f"Change {unit.name}", unit.home)
