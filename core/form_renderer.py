"""Form widgets rendered by Jinja2; every other template a form names, by the project's TEMPLATES.

A page with a long form spent more on its widgets than on the rest of its work: the Django
template language renders each input and each option of a select through includes and context
lookups (the placement form's selects of DfE codes, date inputs and searches). Jinja2 compiles
templates to Python and renders the same HTML several times faster. Django ships its built-in
widgets' templates for Jinja2 too; those in templates/jinja2/ come first: a select written as one
loop, crispy-forms-gds's date input, and `core.search_select`'s search and results (which its
htmx view renders here too). crispy-forms-gds's field templates stay in the Django template
language.
"""

from pathlib import Path

import django.forms
import jinja2
from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

WIDGETS_IN_JINJA2 = ("django/forms/widgets/", "gds/widgets/", "core/search_")


class WidgetsInJinja2(TemplatesSetting):
    def get_template(self, template_name):
        if template_name.startswith(WIDGETS_IN_JINJA2):
            return self.widgets.get_template(template_name)
        return super().get_template(template_name)

    @cached_property
    def widgets(self):
        return Jinja2(
            {
                "NAME": "widgets",
                "DIRS": [
                    settings.BASE_DIR / "templates" / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "APP_DIRS": False,
                # A missing value renders as nothing, as in the Django template language, with
                # DEBUG on too (Django's default then would print it).
                "OPTIONS": {"undefined": jinja2.Undefined},
            }
        )
