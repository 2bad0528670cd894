"""When: time expressions in plain text (``find.find_time_expressions``), normalised to TIMEX3-style
values against the article's date. Pure text in, ``TimeExpression`` records out; no spaCy. Calendar
rules in ``rules_absolute``, relative ones in ``rules_relative``, durations in ``duration``,
anaphora ("that year") in ``anaphora``, tense cues in ``tense``, word lists in ``vocab``."""
