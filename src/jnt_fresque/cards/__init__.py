"""Cards and decks: the card models, loading a deck folder with line-precise
problems, the spreadsheet round trip and the coverage of INSPIRE themes.

The public names (``load_decks``, ``Deck``, ``UseCaseCard``…) are re-exported
lazily from ``jnt_fresque``; this package imports nothing on its own, so that
reading a deck's problems does not load the models.
"""
