"""Extraction, split by what it finds: ``actors`` (mentions, the actor KB, offices, coreference),
``time`` (time expressions), ``facts`` (figures and relationship status) and ``events`` (who did what
to whom). Each takes the parsed article and returns frozen records (``comity.records``); none imports
another's private names."""
