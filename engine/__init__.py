"""The NumPy autodiff engine and graph model. Never imports Qt."""
from .graph import Graph, GraphError, GraphEvent, Node, Group
from .ops import REGISTRY, get_op, ops_by_category
from .shapes import ShapeIssue
from .executor import Executor, StepRecord, ExecutionError

__all__ = ["Graph", "GraphError", "GraphEvent", "Node", "Group", "REGISTRY", "get_op",
           "ops_by_category", "ShapeIssue", "Executor", "StepRecord", "ExecutionError"]
