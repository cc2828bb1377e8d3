import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own: importing config.wsgi freezes this process's objects.
STARTUP = """
import gc, json, sys
import config.wsgi
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "views_loaded": "placements.views" in sys.modules and "children.views" in sys.modules,
}))
"""


def test_the_served_application_starts_with_every_view_loaded_and_out_of_full_collections():
    started = subprocess.run(
        [sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True, check=True
    )
    state = json.loads(started.stdout.strip().splitlines()[-1])
    assert state["views_loaded"]  # imported before the freeze, not on the first request
    assert state["frozen"] > 50_000  # Django, the apps and their URLs: about 150,000
