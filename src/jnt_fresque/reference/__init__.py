"""Reference data the kit ships: the 34 INSPIRE themes, sample data sets by name,
and where the bundled folders (decks, samples, apps, notebooks) are."""
