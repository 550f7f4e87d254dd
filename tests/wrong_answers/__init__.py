"""One plausible wrong answer per exercise, by chapter (``ch00.py`` ... ``a1.py``).

Each module defines ``WRONG = {function_name: source}``: the source defines the function the way
a learner might get it wrong (a common slip, not nonsense). The exercise tests check that each
checker rejects it with a message that says what is wrong; the assignment tests hand one of them
to nbgrader's autograder and expect partial marks.
"""
