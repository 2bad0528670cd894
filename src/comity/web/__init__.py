"""The web front ends: the dashboard (``dashboard``, served by the API app at ``/``) and the
static HTML report (``report``, no dependency beyond comity itself)."""
