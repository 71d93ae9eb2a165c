"""The one error type a user sees: it names the input and the problem."""

from __future__ import annotations


class SelonError(Exception):
    """Bad input or environment. `item` names what was wrong (a file, a line, a language)."""

    def __init__(self, item: str, problem: str):
        super().__init__(f"{item}: {problem}")
        self.item = item
        self.problem = problem

    def __reduce__(self):
        # Errors travel back from worker processes; rebuild them from both fields.
        return (SelonError, (self.item, self.problem))
