"""Enum, IntEnum and str-Enum parameters and returns."""
from enum import Enum, IntEnum


class Task(str, Enum):
    QUERY = "query"
    DOCUMENT = "document"


class Priority(IntEnum):
    LOW = 1
    HIGH = 2


PREFIX = {"query": "task: search result | query: ", "document": "title: none | text: "}


# case: {"task": "query", "text": "mars"}
# case: {"task": "document", "text": "mars"}
# case: {"task": "poem", "text": "mars"}
def prompt(task: Task, text: str) -> str:
    if task == Task.QUERY:
        return PREFIX[task.value] + text
    return PREFIX["document"] + text


# case: {"score": 0.9}
# case: {"score": 0.1}
def triage(score: float) -> Priority:
    return Priority.HIGH if score > 0.5 else Priority.LOW


# case: {"p": 2}
def describe(p: Priority) -> str:
    return f"{p.name}={p.value}"
