from django.db import models


class Anonymisation(models.Model):
    """A child whose records passed their retention date and were anonymised
    (governance.retention). The records themselves are kept, never hard-deleted."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.PROTECT, related_name="anonymisation"
    )
    on = models.DateField(help_text="The day the retention job anonymised the records")

    class Meta:
        ordering = ["-on", "child_id"]

    def __str__(self):
        return f"Child {self.child_id} anonymised on {self.on:%d/%m/%Y}"
