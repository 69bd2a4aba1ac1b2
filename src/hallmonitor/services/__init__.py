"""Use cases that join the rules, storage and reports, and return plain results."""
