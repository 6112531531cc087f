"""Ingot's compiled models inside engines people already run: Ray Data and Spark for batch embedding, Ray Serve for
serving. Input: the import name of a Python package that `ingot bindings --lang python` built and `pip install`ed;
output: embeddings per row, with failing rows reported beside the others.

The package imports nothing beyond the standard library at import time; `ingot_integrations.ray_data` needs pyarrow
(which Ray brings), `ingot_integrations.spark` needs pyspark, pandas and pyarrow, `ingot_integrations.ray_serve` needs
Ray Serve. The compiled package itself gains no dependency from any of them.
"""

from .core import BatchEmbedder, RowResult

__all__ = ["BatchEmbedder", "RowResult"]
__version__ = "0.1.0"
