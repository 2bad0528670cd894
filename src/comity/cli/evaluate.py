"""`comity timex` and the `comity eval` commands: check the extractors against text and gold data."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import typer

from comity.cli._util import actor_kb, handle_errors
from comity.errors import ConfigError, QueryError
from comity.evaluate.events_run import gold_file

eval_app = typer.Typer(
    help="Score comity against gold annotations (read from disk at run time).",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
)


ReportOption = typer.Option(None, "--report", help="Also write the full report (with error examples) here.")


def register(app: typer.Typer) -> None:
    app.command("timex")(timex_cli)
    app.add_typer(eval_app, name="eval")


@handle_errors
def timex_cli(
    source: str = typer.Argument("-", help="A text file, or - for standard input."),
    anchor: str = typer.Option(
        None, "--anchor", help="The document date (YYYY-MM-DD) relative dates refer to."
    ),
) -> None:
    """Print the time expressions of a text as JSON Lines (text, start, end, type, value, precision, rule).

    Without --anchor, relative expressions ("on Friday", "last year") are printed unresolved.

    Example:

        echo "Xi visited Hanoi on Tuesday." | comity timex --anchor 2023-12-13
    """
    from comity.extract.time.find import find_time_expressions, lexical_future

    if anchor is not None and not _is_iso_day(anchor):
        raise QueryError(f"--anchor must be a date like 2023-12-01, got {anchor!r}")
    text = sys.stdin.read() if source == "-" else _read(Path(source))
    for expression in find_time_expressions(text, anchor, future=lexical_future(text)):
        row = asdict(expression)
        fields = ("text", "start", "end", "type", "value", "precision", "anchor", "rule")
        sys.stdout.write(json.dumps({k: row[k] for k in fields}, ensure_ascii=False) + "\n")


@eval_app.command("timex")
@handle_errors
def eval_timex_cli(
    gold: Path = typer.Option(..., "--gold", help="TempEval-3 style JSONL file, or a folder holding one."),
    limit: int = typer.Option(None, "--limit", help="Score only the first N documents."),
    report: Path = ReportOption,
) -> None:
    """Score time expressions: span P/R/F1 (strict, relaxed), type and value accuracy.

    Example:

        comity eval timex --gold ../shared/gold/timex_gold
    """
    from comity.evaluate.timex import evaluate_timex

    result = evaluate_timex(gold_file(gold), limit=limit)
    _emit(result, report)


@eval_app.command("events")
@handle_errors
def eval_events_cli(
    ctx: typer.Context,
    gold: Path = typer.Option(
        ..., "--gold", help="A seed gold folder, or a PLOVER GSR / PETRARCH-2 / ConfliBERT JSONL file."
    ),
    limit: int = typer.Option(None, "--limit", help="Score only the first N documents or sentences."),
    report: Path = ReportOption,
) -> None:
    """Score event coding: P/R/F1 per level (type, type+actors, type+actors+date) or accuracy.

    The format is detected from the gold data; scoring follows gold/README.md.

    Example:

        comity eval events --gold ../shared/gold/seeds --report seeds.json
    """
    from comity.evaluate.events_run import evaluate_events

    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, got {limit}")
    _emit(evaluate_events(gold, kb=actor_kb(ctx), limit=limit), report)


def _emit(result: dict[str, object], report: Path | None) -> None:
    if report is not None:
        report.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "errors"}
    sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {str(path)!r}: {exc}") from exc


def _is_iso_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@eval_app.command("entities")
@handle_errors
def eval_entities_cli(
    ctx: typer.Context,
    gold: Path = typer.Option(..., "--gold", help="Folder with entities.jsonl and documents.jsonl."),
    corpus: Path = typer.Option(
        None, "--corpus", help="Folder of the texts (default: <gold>/../../corpus/<gold folder name>)."
    ),
    report: Path = ReportOption,
) -> None:
    """Score entity mentions: span+type P/R/F1 on body-zone flat mentions, canonical and country accuracy.

    Runs the full pipeline on each gold text, dated by the gold publication date (most likely or
    earliest date when it was inferred). Prints overall and per-document scores.

    Example:

        comity eval entities --gold ../shared/gold/seeds --report entities.json
    """
    from comity.evaluate.entities import evaluate_entities

    for name in ("entities.jsonl", "documents.jsonl"):
        if not (gold / name).is_file():
            raise ConfigError(f"--gold {str(gold)!r} has no {name}")
    _emit(evaluate_entities(gold, corpus, kb=actor_kb(ctx)), report)


# -- comity eval actors ------------------------------------------------------------------------


@eval_app.command("actors")
@handle_errors
def eval_actors_cli(
    ctx: typer.Context,
    cases: Path = typer.Option(
        None, "--cases", help="A CSV of cases (text, date, canonical, country, sector); default: packaged."
    ),
    report: Path = typer.Option(
        None, "--report", help="Also write the full report (with the wrong cases) here."
    ),
) -> None:
    """Score actor resolution (names, office holders, dated roles, aliases, misspellings, role agents).

    The packaged cases were derived from public facts (dates of office); a case is correct when
    canonical name, country and sector all agree.

    Example:

        comity eval actors --report actors.json
    """
    from comity.evaluate.actors import evaluate_actors, load_cases

    _emit(evaluate_actors(actor_kb(ctx), load_cases(cases)), report)


@eval_app.command("facts")
@handle_errors
def eval_facts_cli(
    ctx: typer.Context,
    gold: Path = typer.Option(..., "--gold", help="Seed gold folder with facts.jsonl and documents.jsonl."),
    report: Path = ReportOption,
) -> None:
    """Score facts (measure + value within 0.5% + period): P/R/F1 over core and all gold facts.

    Runs the pipeline on each gold text (dated by the gold publication date). Gold measures are
    free text, read by the keyword rules of comity/evaluate/data/fact_measures.toml. Also lists
    the gold relationship-status facts found and scores per measure.

    Example:

        comity eval facts --gold ../shared/gold/seeds --report facts.json
    """
    from comity.evaluate.facts import evaluate_facts

    _emit(evaluate_facts(gold, kb=actor_kb(ctx)), report)


@eval_app.command("clusters")
@handle_errors
def eval_clusters_cli(
    ctx: typer.Context,
    gold: Path = typer.Option(..., "--gold", help="Seed gold folder with events.jsonl and documents.jsonl."),
    report: Path = ReportOption,
) -> None:
    """Score cross-article event clusters: pairwise P/R/F1 over gold same_event_as links.

    Runs the pipeline on each gold text (dated by the gold publication date), consolidates all
    events, and compares the clusters with the gold links.

    Example:

        comity eval clusters --gold ../shared/gold/seeds --report clusters.json
    """
    from comity.evaluate.clusters import evaluate_clusters

    _emit(evaluate_clusters(gold, kb=actor_kb(ctx)), report)


@eval_app.command("realnews")
@handle_errors
def eval_realnews_cli(
    ctx: typer.Context,
    gold: Path = typer.Option(
        ..., "--gold", help="gold/realnews (its dev/ part), or a folder of gold files."
    ),
    corpus: list[Path] = typer.Option(
        None, "--corpus", help="Corpus JSONL file (repeatable; default: corpus/realnews/*.dev.jsonl)."
    ),
    db: str = typer.Option(None, "--db", help="Score this store instead of running the corpus again."),
    report: Path = ReportOption,
) -> None:
    """Score events (type / dyad / dated), clusters and facts on the real-news gold, as its score.py does.

    Runs the whole pipeline on the corpus in a scratch store (or reads --db, a store that already
    holds it). The report adds per-document scores, error classes with examples, and the share of
    gold actors named as a person (a name or a title) whose country comity gets right.

    Example:

        comity eval realnews --gold ../shared/gold/realnews --report realnews.json
    """
    from comity.evaluate.realnews import evaluate_realnews

    result = evaluate_realnews(gold, corpus or None, db=db, kb=actor_kb(ctx))
    if report is not None:
        report.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shown = ("documents", "events", "clusters", "cluster_identity", "facts", "summary")
    summary = {k: result[k] for k in shown} | {"error_classes": {
        k: v for k, v in result["error_classes"].items() if k != "examples"}}  # fmt: skip
    summary["person_actors"] = {k: v for k, v in result["person_actors"].items() if k != "examples"}
    summary["dyad_dates"] = {k: v for k, v in result["dyad_dates"].items() if k != "examples"}
    sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
