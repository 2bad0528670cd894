"""Alerts: a matching new cluster is logged (and posted) once, not once per report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.errors import ConfigError
from comity.run.alerts import Rule, load_rules
from webserver import FixtureServer, Route

RAMMING = (
    "Coast guard rams fishing boat",
    "HANOI, March 4, 2024 - A Chinese coast guard ship rammed a Vietnamese fishing boat near the"
    " Paracel Islands on Monday, injuring four fishermen, Vietnam said.",
)
SECOND_REPORT = (
    "Vietnam protests ramming",
    "BEIJING, March 5, 2024 - Vietnam said on Tuesday that a Chinese coast guard vessel rammed a"
    " Vietnamese fishing boat near the Paracel Islands on Monday, March 4, and injured four fishermen.",
)
UPGRADE = (
    "Relations upgraded",
    "HANOI, September 10, 2023 - Vietnam and the United States upgraded their relations to a"
    " comprehensive strategic partnership on Sunday during a visit by President Joe Biden.",
)
RULES = """
[[rule]]
name = "China-Vietnam force"
dyad = ["CHN", "VNM"]
types = ["COERCE", "ASSAULT"]
modalities = ["asserted", "claimed"]

[[rule]]
name = "China-Vietnam talks"
dyad = ["VNM", "CHN"]
types = ["CONSULT"]

[[rule]]
name = "US-Vietnam status"
dyad = ["USA", "VNM"]
status_change = true
"""


def publish(web: FixtureServer, stories: dict[str, tuple[str, str]]) -> None:
    items = ""
    for path, (title, text) in stories.items():
        web.routes[path] = Route(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>".encode()
        )
        items += f"<item><title>{title}</title><link>{web.base}{path}</link></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    web.routes["/feed.xml"] = Route(feed.encode(), content_type="application/rss+xml")


def test_rules_file_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text(RULES, encoding="utf-8")
    force, talks, status = load_rules(str(path))
    assert force == Rule(
        "China-Vietnam force",
        ("CHN", "VNM"),
        frozenset({"COERCE", "ASSAULT"}),
        frozenset({"asserted", "claimed"}),
    )
    assert talks.dyad == ("VNM", "CHN") and status.status_change
    path.write_text('[[rule]]\nname = "x"\ndyad = ["CHN"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="two ISO3 codes"):
        load_rules(str(path))
    path.write_text('[[rule]]\nname = "x"\ndyad = ["CHN", "VNM"]\ntype = ["COERCE"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown keys"):
        load_rules(str(path))


def test_webhook_without_rules_is_a_usage_error(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--webhook", "http://127.0.0.1:9/hook"])
    assert result.exit_code == 2 and "--webhook needs --alert" in result.output


@pytest.mark.slow
def test_an_alert_fires_once_per_cluster_and_not_for_a_second_report(
    web: FixtureServer, tmp_path: Path
) -> None:
    rules, log = tmp_path / "alerts.toml", tmp_path / "out" / "alerts.jsonl"
    rules.write_text(RULES, encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(web.url("/feed.xml") + "\n", encoding="utf-8")
    args = [
        "watch",
        str(feeds),
        "--once",
        "--db",
        str(tmp_path / "a.duckdb"),
        "--delay",
        "0",
        "--workers",
        "1",
    ]
    args += ["-q", "--alert", str(rules), "--alert-log", str(log), "--webhook", web.url("/hook")]
    runner = CliRunner()

    publish(web, {"/news/ramming.html": RAMMING})
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "1 alerts" in first.output
    (alert,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert alert["rule"] == "China-Vietnam force" and alert["kind"] == "event" and alert["dyad"] == "CHN-VNM"
    assert alert["types"] == ["COERCE"] and alert["date"] == "2024-03-04"  # ramming coerces (PLOVER)
    assert "rammed a Vietnamese fishing boat" in alert["evidence"]
    assert alert["url"] == web.url("/news/ramming.html") and alert["title"] == RAMMING[0]
    assert [json.loads(body) for body in web.posts["/hook"]] == [alert]

    publish(web, {"/news/ramming.html": RAMMING, "/news/second.html": SECOND_REPORT})
    second = runner.invoke(app, args)
    assert "1 new of 2 entries = 1 stored" in second.output and "0 alerts" in second.output
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1 and len(web.posts["/hook"]) == 1

    publish(web, {"/news/upgrade.html": UPGRADE})
    third = runner.invoke(app, args)
    assert "1 alerts" in third.output
    status = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    assert (status["rule"], status["kind"], status["status"]) == (
        "US-Vietnam status",
        "status",
        "comprehensive strategic partnership",
    )


@pytest.mark.slow
def test_a_webhook_that_is_down_does_not_stop_the_watch(web: FixtureServer, tmp_path: Path) -> None:
    rules, log = tmp_path / "alerts.toml", tmp_path / "alerts.jsonl"
    rules.write_text(RULES, encoding="utf-8")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(web.url("/feed.xml") + "\n", encoding="utf-8")
    publish(web, {"/news/ramming.html": RAMMING})
    args = [
        "watch",
        str(feeds),
        "--once",
        "--db",
        str(tmp_path / "b.duckdb"),
        "--delay",
        "0",
        "--workers",
        "1",
    ]
    args += ["-q", "--alert", str(rules), "--alert-log", str(log), "--webhook", "http://127.0.0.1:9/hook"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
