"""The first-start wizard's page ids, shared by the pages that choose where to go next."""

START, HALL, SHARED, NEXT, ADMIN, KEY = range(6)
