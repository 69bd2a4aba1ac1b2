"""Handlers of the headless subcommands; each takes the parsed arguments and returns an exit code.

They only parse, call a service and print: the work itself is in ``services``.
"""
