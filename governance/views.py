from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from accounts.access import role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from children.models import Child
from core.dates import today

from . import subject_access

# Who answers a subject access request: the council's administrators (information governance).
SAR_ROLES = (Role.ADMINISTRATOR,)
FORMATS = {
    "pdf": ("application/pdf", subject_access.as_pdf),
    "zip": ("application/zip", lambda child, parts: subject_access.as_zip(parts)),
}


@require_safe
@role_required(*SAR_ROLES)
def subject_access_request(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return render(request, "governance/subject_access.html", {"child": child})


@require_safe
@role_required(*SAR_ROLES)
def subject_access_download(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("No such format")
    child = get_object_or_404(Child, pk=pk)
    content_type, make = FORMATS[fmt]
    body = make(child, subject_access.sections(child))
    audit.record(
        AuditEvent.Action.EXPORT,
        child,
        user=request.user,
        changes={"subject access request": [None, f"everything held, as {fmt.upper()}"]},
    )
    response = HttpResponse(body, content_type=content_type)
    name = f"subject-access-{slugify(child.local_id)}-{today():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
