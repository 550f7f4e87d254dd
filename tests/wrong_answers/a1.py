"""Plausible wrong answers for the exercises of Appendix A1 (the Python primer)."""

WRONG = {
    # divides by the value after instead of before
    "percent_change": '''
def percent_change(before, after):
    return 100 * (after - before) / after
''',
    # forgets to divide by the standard deviations: the covariance
    "correlation": '''
import numpy as np

def correlation(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.mean((a - a.mean()) * (b - b.mean())))
''',
    # counts only the verdicts of the first ten claims
    "count_by_verdict": '''
def count_by_verdict(claims):
    return claims["verdict"].head(10).value_counts().to_dict()
''',
    # raises, but with a message that says nothing about the parameter or the range
    "require_fraction": '''
def require_fraction(x):
    if x < 0 or x > 1:
        raise ValueError("bad input")
    return x
''',
    # plots both rows but leaves the axes without titles
    "signal_figure": '''
import plotly.graph_objects as go

def signal_figure(bold, rows, labels):
    fig = go.Figure()
    for row, label in zip(rows, labels):
        fig.add_trace(go.Scatter(y=bold[row], name=label, mode="lines"))
    return fig
''',
}
