"""The session report (PDF) and the charts it and the notebooks draw."""
