"""Product-wide tests: every app at once (access control, CSRF, fuzzing, faults, load, log privacy)."""
