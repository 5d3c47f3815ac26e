"""Shared fixtures live in pytest_fraudsafe.py (loaded early through pytest -p)."""
