"""Thin anywidget front ends over the pure calculator modules."""
