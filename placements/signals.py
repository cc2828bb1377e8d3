"""What the ledger announces to the apps above it, which it may not import (notifications
tells people; docs/architecture.md).

`match_request_changed` is sent inside the transaction that changed a match request, with
`match_request` (as saved) and `by` (who changed it), so what receivers write commits with it.
"""

from django.dispatch import Signal

match_request_changed = Signal()
