"""A session in and out: exports (JSON, CSV, XLSX, PrefLib, GraphML), paper
ballots read from a spreadsheet, and the demonstration session."""
