"""Office holders of the whole world with dates: a knowledge base compiled from Peppercat/Wikidata (build),
read back as typed rows with queries by country, person and name (index)."""
