"""Behaviours of the organisations plugin."""
