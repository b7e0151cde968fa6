"""Streamlit's floor: a one-widget page (a multiselect and a button), served with the
workshop app's settings, against which `load_atelier.py --baseline` measures the app.

Nothing is read or written: the cost of a run of this page is what Streamlit itself costs
(the websocket, the script run, the deltas sent back), the least a page run can cost.
"""

import streamlit as st

OPTIONS = [f"carte-{n:02d}" for n in range(46)]

picked = st.multiselect("Cartes", OPTIONS, key="vote_uc", max_selections=10)
if st.button("Voter", key="vote_submit", type="primary"):
    st.success(f"Vote enregistré ({len(picked)})")
