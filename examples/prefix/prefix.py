TASK_PREFIX_MAP = {
    "search result": "task: search result | query: ",
    "question answering": "task: question answering | query: ",
    "fact checking": "task: fact checking | query: ",
    "classification": "task: classification | query: ",
    "clustering": "task: clustering | query: ",
    "semantic similarity": "task: sentence similarity | query: ",
    "code retrieval": "task: code retrieval | query: ",
    "document": "title: none | text: ",
}


# case: {"texts": ["Which planet is red?", "Mars"], "task": "search result"}
# case: {"texts": ["héllo"]}
# case: {"texts": [], "task": "clustering"}
# case: {"texts": ["x"], "task": "no such task"}
def prefix(texts: list[str], task: str = "document") -> list[str]:
    """Prepend the task prompt that EmbeddingGemma expects to every text."""
    return [TASK_PREFIX_MAP[task] + t for t in texts]
