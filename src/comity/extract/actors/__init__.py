"""Who is named: entity mentions in a parsed document (``mentions``, people resolved through the world
office-holder KB in ``mention_people`` and ``people``), the dated actor knowledge base they resolve
against (``kb``, the generated world KB in ``world/``, data in ``data/``), office titles
(``offices``, ``titles``), roles over time (``history``) and the document's actor tracker for later names, pronouns, groups and
descriptions (``tracker``). Takes a spaCy ``Doc`` and an ``ActorKB``; returns ``Mention`` records with
their ``ActorRef`` codes."""
