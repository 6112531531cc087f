import logging

logger = logging.getLogger(__name__)


def f(fmt: str, n: int) -> int:
    # A format known only at run time: the `%` arguments cannot be formatted where the call is compiled.
    # error: E0301
    logger.info(fmt, n)
    return n
