"""The workshop app's helpers: what the Streamlit pages of ``apps/atelier`` call.

The pages stay a few lines each; the rules they apply (who may do what in which
phase, the order cards are shown in, what the projector shows, the board as a
picture) live here, free of Streamlit, so that they are unit-tested. Only
`jnt_fresque.app.ui` imports Streamlit.
"""
