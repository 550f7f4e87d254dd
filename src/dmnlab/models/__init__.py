"""Models of the course: pure functions of numbers, each checked against a published value.

Models never import plotting or widgets, so a unit test can call them directly.
"""
