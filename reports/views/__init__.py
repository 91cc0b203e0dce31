"""The indicator pages: thin views over `reports.selectors`, one module per page."""
