"""The workshop app (Streamlit): `jnt-fresque atelier` serves this script."""

from jnt_fresque.app.ui import run_app

run_app(__file__)
