"""The body of each page of the workshop app, one module per page (Streamlit)."""
