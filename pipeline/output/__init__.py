"""Renderers for findings: text for people, JSON for analysts."""
