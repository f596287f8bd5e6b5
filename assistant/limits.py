"""How long a suggestion may take, and when a pending one counts as abandoned (issue 11).

The limits nest, each a margin above the one inside it:

    the summarizer's worst case   HTTP timeout x (retries + 1) + the pauses between tries
  < the task's time budget        + TASK_MARGIN, enforced in the worker (assistant/tasks.py)
  < abandoned                     + ABANDON_MARGIN after a worker started it (assistant/suggestions.py)

With the defaults (20 s timeout, 2 retries): 61.5 s, 66.5 s, 76.5 s. A suggestion no worker has
started within SUMMARY_QUEUE_TIMEOUT counts as abandoned too.
"""

from assistant.summarizers import SummarizerError, get_summarizer

# Seconds beyond the summarizer's worst case: reading the article, storing the result.
TASK_MARGIN = 5.0
# Seconds beyond the task's budget: the worker's own bookkeeping, clocks a little apart.
ABANDON_MARGIN = 10.0
# The budget assumed when the configured summarizer cannot even be built (the task then fails fast).
FALLBACK_BUDGET = 60.0


def time_budget(summarizer):
    """How long one suggestion may take in the worker, in seconds."""
    return summarizer.worst_case_seconds + TASK_MARGIN


def abandon_after():
    """Seconds after a worker started a suggestion past which nobody is working on it any more."""
    try:
        budget = time_budget(get_summarizer())
    except SummarizerError:
        budget = FALLBACK_BUDGET
    return budget + ABANDON_MARGIN
