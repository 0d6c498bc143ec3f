"""Reading a long iterable a batch at a time (Python 3.12's itertools.batched, as lists)."""
import itertools


def batched(items, size):
    """Lists of up to ``size`` items, in order; the last may be shorter."""
    items = iter(items)
    while batch := list(itertools.islice(items, size)):
        yield batch
