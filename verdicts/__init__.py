"""Weekly AI Tool Verdicts: scrape, resolve, pair, judge, render, approve, send."""
