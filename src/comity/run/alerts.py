"""Alerts for ``comity watch --alert RULES``: a matching new cluster is reported once.

A rules file is TOML, one ``[[rule]]`` table per rule::

    [[rule]]
    name = "China-Vietnam force"
    dyad = ["CHN", "VNM"]             # either direction
    types = ["COERCE", "ASSAULT"]      # PLOVER types; leave out for any type
    modalities = ["asserted"]          # leave out for any modality

    [[rule]]
    name = "US-Vietnam status"
    dyad = ["USA", "VNM"]
    status_change = true               # a relationship status not stated before for the pair

After each cycle, the clusters holding an event from an article that cycle stored are checked.
A cluster fires once: its event ids are remembered (``watch_state`` kind ``alert``), and a later
report of the same event, which joins the cluster, does not fire it again. Each alert is appended
to a JSON Lines log with its evidence sentence and link, and optionally POSTed to a webhook.
"""

from __future__ import annotations

import json
import logging
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from comity.config import Settings
from comity.errors import ConfigError
from comity.store.base import Store, load_watch_state

logger = logging.getLogger(__name__)
ALERT = "alert"

_NEW_EVENTS = (
    "SELECT e.id, e.type, e.modality, e.date, e.evidence_text, e.cluster_id, e.source_country, e.target_country,"
    " a.url, a.name, a.title FROM events e JOIN articles a ON a.id = e.doc_id"
    " WHERE a.near_duplicate_of IS NULL AND ((e.source_country = ? AND e.target_country = ?)"
    " OR (e.source_country = ? AND e.target_country = ?))"
    " AND e.cluster_id IN (SELECT e2.cluster_id FROM events e2 JOIN articles a2 ON a2.id = e2.doc_id"
    " WHERE a2.run_id = ?) ORDER BY e.date NULLS LAST, e.id"
)
_STATUSES = (
    "SELECT f.id, f.value_text, f.evidence_text, a.run_id, a.url, a.name, a.title, a.publication_date"
    " FROM facts f JOIN articles a ON a.id = f.doc_id WHERE f.measure = 'relationship_status'"
    " AND f.subject IN (?, ?) AND a.near_duplicate_of IS NULL ORDER BY a.publication_date NULLS LAST, f.id"
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    dyad: tuple[str, str]
    types: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    status_change: bool = False

    def matches(self, event: dict[str, Any]) -> bool:
        return (not self.types or event["type"] in self.types) and (
            not self.modalities or event["modality"] in self.modalities
        )


def load_rules(path: str) -> list[Rule]:
    """The rules of a TOML file.

    Raises:
        ConfigError: unreadable file, bad TOML, or a rule without a name, a dyad, or anything to match.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read alert rules {path!r}: {exc}") from exc
    rules = [_rule(raw, f"{path}: rule {n}") for n, raw in enumerate(data.get("rule", []), start=1)]
    if not rules:
        raise ConfigError(f"{path}: no [[rule]] tables")
    if len({r.name for r in rules}) < len(rules):
        raise ConfigError(f"{path}: two rules have the same name")
    return rules


def _rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ConfigError(f"{where}: needs a name")
    dyad = raw.get("dyad")
    if not (
        isinstance(dyad, list) and len(dyad) == 2 and all(isinstance(c, str) and len(c) == 3 for c in dyad)
    ):
        raise ConfigError(f'{where} ({raw["name"]}): dyad must be two ISO3 codes, e.g. ["CHN", "VNM"]')
    unknown = set(raw) - {"name", "dyad", "types", "modalities", "status_change"}
    if unknown:
        raise ConfigError(f"{where} ({raw['name']}): unknown keys {sorted(unknown)}")
    rule = Rule(
        name=raw["name"],
        dyad=(dyad[0].upper(), dyad[1].upper()),
        types=frozenset(str(t).upper() for t in raw.get("types", [])),
        modalities=frozenset(str(m).lower() for m in raw.get("modalities", [])),
        status_change=bool(raw.get("status_change", False)),
    )
    if rule.status_change and (rule.types or rule.modalities):
        raise ConfigError(f"{where} ({rule.name}): a status_change rule takes no types or modalities")
    return rule


class AlertSender:
    """The alert hook of ``watch_cycle``: find, log, post and remember the alerts of one cycle."""

    def __init__(self, rules: list[Rule], log: str, webhook: str | None, settings: Settings) -> None:
        self.rules, self.log, self.webhook, self.settings = rules, Path(log), webhook, settings

    def __call__(self, store: Store, run_id: str | None) -> int:
        if run_id is None:
            return 0
        sent = 0
        for rule in self.rules:
            found = (
                status_alerts(store, rule, run_id)
                if rule.status_change
                else cluster_alerts(store, rule, run_id)
            )
            for key, alert, remembered in found:
                self._deliver(alert)
                store.put_watch_state(ALERT, {key: remembered})  # one by one: a crash never re-sends
                sent += 1
        return sent

    def _deliver(self, alert: dict[str, Any]) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(alert, ensure_ascii=False, sort_keys=True) + "\n")
        if self.webhook is None:
            return
        import httpx  # here, not at import: only a webhook needs it, and it slowed `comity --help`

        try:
            answer = httpx.post(
                self.webhook,
                json=alert,
                timeout=self.settings.fetch_timeout,
                headers={"User-Agent": self.settings.user_agent},
            )
            answer.raise_for_status()
        except (
            httpx.HTTPError
        ) as exc:  # the log has the alert; a webhook that is down must not stop the watch
            logger.warning("webhook %s failed for alert %s: %s", self.webhook, alert["rule"], exc)


Found = list[tuple[str, dict[str, Any], dict[str, Any]]]


def cluster_alerts(store: Store, rule: Rule, run_id: str) -> Found:
    """(state key, alert, state value) for each cluster of ``rule`` touched by run ``run_id`` that
    has not fired before (no member of it was part of an earlier alert of the rule)."""
    a, b = rule.dyad
    events = [e for e in store.fetch(_NEW_EVENTS, [a, b, b, a, run_id]) if rule.matches(e)]
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        clusters[event["cluster_id"] or event["id"]].append(event)
    fired = {eid for v in _state(store, rule).values() for eid in v.get("event_ids", [])}
    found: Found = []
    for cluster_id, members in clusters.items():
        ids = sorted(e["id"] for e in members)
        if fired & set(ids):
            continue
        first = members[0]
        alert = _alert(
            rule, "event", first, cluster_id=cluster_id, types=sorted({e["type"] for e in members})
        )
        alert.update(date=first["date"], reports=len(ids))
        found.append(
            (f"{rule.name}\x1f{cluster_id}", alert, {"event_ids": ids, "fired_at": alert["fired_at"]})
        )
    return found


def status_alerts(store: Store, rule: Rule, run_id: str) -> Found:
    """An alert for each relationship status of the dyad first stated in run ``run_id``."""
    a, b = rule.dyad
    facts = store.fetch(_STATUSES, [f"{a}-{b}", f"{b}-{a}"])
    earlier = {f["value_text"] for f in facts if f["run_id"] != run_id}
    done = {v.get("status") for v in _state(store, rule).values()}
    found: Found = []
    for fact in facts:
        status = fact["value_text"]
        if fact["run_id"] != run_id or status in earlier or status in done:
            continue
        done.add(status)
        alert = _alert(rule, "status", fact, status=status, date=fact["publication_date"])
        found.append(
            (f"{rule.name}\x1fstatus\x1f{status}", alert, {"status": status, "fired_at": alert["fired_at"]})
        )
    return found


def _state(store: Store, rule: Rule) -> dict[str, Any]:
    prefix = f"{rule.name}\x1f"
    return {k: v for k, v in load_watch_state(store, ALERT).items() if k.startswith(prefix)}


def _alert(rule: Rule, kind: str, row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "rule": rule.name,
        "kind": kind,
        "dyad": "-".join(rule.dyad),
        "evidence": row["evidence_text"],
        "url": row["url"] or row["name"],
        "title": row["title"],
        "fired_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **extra,
    }
