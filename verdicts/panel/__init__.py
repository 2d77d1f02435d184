"""The review panel: reviewers and their ship/skip verdicts, imported from files and read for issues."""
