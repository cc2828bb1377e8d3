"""The SSDA903 return: the data-quality page, the check button, the ZIP download and the
download of the children with errors are for administrators only; every other role is refused."""

from core.exports import FORMATS
from ssda903 import years

from .rules import ADMIN, Rule

RULES = [
    Rule("ssda903:data_quality", allowed={ADMIN}),
    Rule("ssda903:check_now", allowed={ADMIN}, method="post"),
    Rule("ssda903:download", args=lambda w: [years.offered()[1].year], allowed={ADMIN}),
    *(Rule("ssda903:children_export", args=lambda w, f=f: [f], allowed={ADMIN}) for f in FORMATS),
]
