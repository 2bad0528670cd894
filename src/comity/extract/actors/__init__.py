"""Who is named: entity mentions in a parsed document (``mentions``), the dated actor knowledge base
they resolve against (``kb``, data in ``data/``), office titles (``offices``) and pronoun and group
references (``coreference``). Takes a spaCy ``Doc`` and an ``ActorKB``; returns ``Mention`` records
with their ``ActorRef`` codes."""
