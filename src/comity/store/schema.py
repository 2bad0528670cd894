"""Table definitions and the ordered list of schema migrations.

Each migration is (version, name, statements). Applied ones are recorded in
``schema_migrations``; a database that records a version this code does not know was
written by a newer comity and is refused rather than silently mis-read.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "0001_initial",
        [
            """CREATE TABLE articles (
                id VARCHAR PRIMARY KEY, name VARCHAR, fmt VARCHAR, title VARCHAR,
                publication_date VARCHAR, date_basis VARCHAR, author VARCHAR, outlet VARCHAR,
                url VARCHAR, dateline_start INTEGER, dateline_end INTEGER, dateline_text VARCHAR,
                byline_start INTEGER, byline_end INTEGER,
                near_duplicate_of VARCHAR, boilerplate VARCHAR, fingerprint VARCHAR, text VARCHAR,
                producer VARCHAR, pipeline_version VARCHAR, run_id VARCHAR, ingested_at VARCHAR)""",
            """CREATE TABLE mentions (
                id VARCHAR PRIMARY KEY, doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
                label VARCHAR, sentence INTEGER, canonical VARCHAR, country VARCHAR, sector VARCHAR,
                code VARCHAR, in_boilerplate BOOLEAN, producer VARCHAR)""",
            """CREATE TABLE times (
                id VARCHAR PRIMARY KEY, doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
                type VARCHAR, value VARCHAR, precision VARCHAR, anchor VARCHAR, rule VARCHAR,
                sentence INTEGER, producer VARCHAR)""",
            """CREATE TABLE events (
                id VARCHAR PRIMARY KEY, doc_id VARCHAR, doc VARCHAR, type VARCHAR, cameo VARCHAR,
                mode VARCHAR, goldstein DOUBLE, source VARCHAR, target VARCHAR,
                source_country VARCHAR, target_country VARCHAR, date VARCHAR, date_text VARCHAR,
                date_precision VARCHAR, date_basis VARCHAR, location VARCHAR, modality VARCHAR,
                evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER, trigger VARCHAR,
                confidence DOUBLE, cluster_id VARCHAR, sentence INTEGER, producer VARCHAR)""",
            """CREATE TABLE facts (
                id VARCHAR PRIMARY KEY, doc_id VARCHAR, subject VARCHAR, measure VARCHAR,
                value_number DOUBLE, value_text VARCHAR, unit VARCHAR, qualifier VARCHAR,
                period VARCHAR, source_stated VARCHAR, evidence_text VARCHAR, evidence_start INTEGER,
                evidence_end INTEGER, producer VARCHAR)""",
            """CREATE TABLE rejections (
                id VARCHAR PRIMARY KEY, name VARCHAR, stage VARCHAR, reason VARCHAR, message VARCHAR,
                doc_id VARCHAR, size BIGINT, run_id VARCHAR, created_at VARCHAR)""",
            """CREATE TABLE runs (
                id VARCHAR PRIMARY KEY, started VARCHAR, finished VARCHAR, settings VARCHAR,
                versions VARCHAR, inputs INTEGER, stored INTEGER, duplicates INTEGER,
                near_duplicates INTEGER, rejected INTEGER, events INTEGER, mentions INTEGER,
                timings VARCHAR)""",
        ],
    ),
    (
        2,
        "0002_mention_resolution",
        [
            "ALTER TABLE mentions ADD COLUMN resolution VARCHAR",
            "ALTER TABLE mentions ADD COLUMN confidence DOUBLE",
            "ALTER TABLE mentions ADD COLUMN flags VARCHAR",  # JSON list of strings
        ],
    ),
    (
        3,
        "0003_row_versions",
        [
            f"ALTER TABLE {table} ADD COLUMN pipeline_version VARCHAR"
            for table in ("mentions", "times", "events", "facts")
        ],
    ),
    # Entries a folder walk met and left unread on purpose: inputs = stored + duplicates + rejected + skipped.
    (4, "0004_run_skips", ["ALTER TABLE runs ADD COLUMN skipped INTEGER"]),
    (
        5,
        "0005_web_inputs",
        [
            # Where and when a web input was fetched; written with its article, in the same batch.
            """CREATE TABLE fetches (
                id VARCHAR PRIMARY KEY, doc_id VARCHAR, url VARCHAR, final_url VARCHAR,
                fetched_at VARCHAR, run_id VARCHAR)""",
            # What `comity watch` remembers between cycles (feeds' validators and backoff, alerts
            # sent), so a killed watcher resumes where it stopped. One JSON value per (kind, key).
            """CREATE TABLE watch_state (
                id VARCHAR PRIMARY KEY, kind VARCHAR, key VARCHAR, value VARCHAR, updated_at VARCHAR)""",
        ],
    ),
    # Whether both sides of an event are coded; the default event views show those (NULL, a row
    # written before this column, is shown as before).
    (6, "0006_event_dyadic", ["ALTER TABLE events ADD COLUMN dyadic BOOLEAN"]),
    # An event's place in its article's reading order: events of one sentence list as the text
    # tells them (a tour's hosts in order), not by id (NULL, a row written before, sorts last).
    (7, "0007_event_ordinal", ["ALTER TABLE events ADD COLUMN ordinal INTEGER"]),
]

#: Tables a user may export or query, in dependency order (``fetches`` and ``watch_state`` are
#: bookkeeping of web inputs, read with ``comity docs`` and ``comity watch``).
TABLES = ("articles", "mentions", "times", "events", "facts", "rejections", "runs")
