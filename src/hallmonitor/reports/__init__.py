"""Excel import and export and PDF notices; no Qt widgets here."""
