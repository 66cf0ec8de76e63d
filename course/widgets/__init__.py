"""Widgets: one view per step kind, and the pieces they share."""
