"""Prefect flows: thin orchestration over the domain functions in `verdicts` and `scrapers`."""
