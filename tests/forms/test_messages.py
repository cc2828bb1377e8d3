"""Every form the pages use speaks GOV.UK: each form class in the apps, the admin's included
(and each list's filters) is filled with nothing, with words where numbers or dates go, with overlong text and
with negative numbers, and no message it shows may be one of Django's (or a library's)
defaults, such as "This field is required." or "Select a valid choice."

The forms are found by walking the apps' modules, so a new form is checked without being
listed here; one whose constructor needs something new fails until `arguments` gives it."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core import validators
from django.db.models import fields as model_fields

from accounts.models import Role
from carers.models import MockingbirdHub
from core.forms import LIBRARY_DEFAULTS
from core.lists import ListFilter
from homes.models import Home
from tests.access.world import build_world
from tests.factories import CareLeaverFactory, CarerHouseholdFactory

SKIPPED = ("migrations", "management", "tests")


def project_modules():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or ".venv" in config.path:
            continue
        yield importlib.import_module(config.name)
        for info in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
            if not any(part in SKIPPED for part in info.name.split(".")):
                yield importlib.import_module(info.name)


def subclasses(base):
    for cls in base.__subclasses__():
        yield cls
        yield from subclasses(cls)


def project_classes(base) -> list[type]:
    names = {m.__name__ for m in project_modules()}
    found = {cls for cls in subclasses(base) if cls.__module__ in names}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


# A model form for no model yet is a base for others (the admin's GovModelForm).
FORMS = [
    cls
    for cls in project_classes(forms.BaseForm)
    if not issubclass(cls, forms.BaseModelForm) or cls._meta.model is not None
]
FILTERS = project_classes(ListFilter)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w+\}")


def _pattern(message) -> str:
    """A default message as a regular expression: its placeholders match anything, and a
    long enough start is enough (some say "character" or "characters" by the number)."""
    text = str(message)
    first = PLACEHOLDER.search(text)
    if first and first.start() >= 12:
        return re.escape(text[: first.start()]) + ".*"
    return ".*".join(re.escape(part) for part in PLACEHOLDER.split(text))


# Validators that choose "character" or "characters" by the number read as "" unformatted.
PLURAL_DEFAULTS = [
    "Ensure this value has at most %(n)d",
    "Ensure this value has at least %(n)d",
    "Ensure that there are no more than %(n)d",
]


def django_defaults() -> re.Pattern:
    messages = set(LIBRARY_DEFAULTS) | set(PLURAL_DEFAULTS)
    for module in (forms, model_fields):
        for cls in vars(module).values():
            for klass in inspect.getmro(cls) if inspect.isclass(cls) else ():
                own = klass.__dict__.get("default_error_messages")
                messages.update(own.values() if isinstance(own, dict) else ())
    for cls in vars(validators).values():
        if inspect.isclass(cls):
            for own in (cls.__dict__.get("message"), cls.__dict__.get("messages")):
                messages.update(own.values() if isinstance(own, dict) else [own or ""])
    patterns = sorted({_pattern(m) for m in messages if str(m).strip()})
    return re.compile("|".join(f"^{p}$" for p in patterns))


def test_the_defaults_are_recognised():
    defaults = django_defaults()
    for message in (
        "This field is required.",
        "Enter a valid date.",
        "Select a valid choice. That choice is not one of the available choices.",
        "Ensure this value has at most 8 characters (it has 12).",
        "Enter a whole number.",
    ):
        assert defaults.match(message), message
    assert not defaults.match("Enter the date of birth")


@pytest.fixture
def arguments(db):
    """What each form's constructor may ask for, by name."""
    world = build_world()
    admin = world.users[Role.ADMINISTRATOR]
    household = CarerHouseholdFactory()
    return {
        "user": admin,
        "object_types": ["Child"],
        "leaver": CareLeaverFactory(child=world.my_child),
        "may_allocate": True,
        "household": household,
        "may_choose_worker": True,
        "carer": None,
        "hubs": MockingbirdHub.objects.all(),
        "child_choices": [("", "Choose"), (world.my_child.pk, world.my_child.full_name)],
        "child": world.my_child,
        "choices": type(admin).objects.all(),
        "record": None,
        "home": world.my_home,
        "residents": [world.other_child],
        "fields": {"name": "name"},
        "default": "name",
    }


def _build(cls, arguments, data):
    """The form bound to `data`, given what its constructors need (a parent's optional
    arguments are left to the class, which may pass them itself)."""
    wanted, first = {}, True
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass.__module__.startswith("django"):
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind is not param.KEYWORD_ONLY or name in wanted:
                continue
            if param.default is param.empty and name not in arguments:
                pytest.fail(f"{cls.__qualname__} needs `{name}`: add it to `arguments`")
            if name in arguments and (first or param.default is param.empty):
                wanted[name] = arguments[name]
        first = False
    return cls(data, **wanted)


ANSWERS = ["", "nonsense", "x" * 3000, "-5", "31"]


def filled(form, answer) -> dict:
    """Every input of the form (each part of a date too) given `answer`."""
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        parts = getattr(field.widget, "widgets_names", None)
        if parts:
            data.update({f"{key}{part}": answer for part in parts})
        data[key] = answer
    return data


def shown_messages(form) -> list[str]:
    form.is_valid()
    return [str(message) for errors in form.errors.values() for message in errors]


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_no_form_says_a_django_default(cls, arguments):
    defaults = django_defaults()
    said = set()
    for answer in ANSWERS:
        form = _build(cls, arguments, {})
        said.update(shown_messages(_build(cls, arguments, filled(form, answer))))
    said.update(shown_messages(_build(cls, arguments, {})))
    assert not [message for message in said if defaults.match(message)], sorted(said)


@pytest.mark.parametrize("cls", FILTERS, ids=lambda cls: cls.__qualname__)
def test_no_list_filter_says_a_django_default(cls, arguments):
    defaults = django_defaults()
    queryset = (cls._meta.model or Home).objects.none()  # the homes' lists name no model
    said = set()
    for answer in ANSWERS[1:]:
        blank = cls({}, queryset=queryset).form
        filters = cls(filled(blank, answer), queryset=queryset)
        said.update(shown_messages(filters.form))
    assert not [message for message in said if defaults.match(message)], sorted(said)


def test_the_walk_finds_the_forms_of_every_app():
    modules = {cls.__module__.split(".")[0] for cls in FORMS}
    assert {"placements", "children", "carers", "careleavers", "homes", "inspections"} <= modules
    assert len(FILTERS) >= 5
