"""ONNX in and out: :func:`export_onnx` writes a graph, :func:`import_onnx` reads a model
(folding weight-making subgraphs, grouping repeated blocks, laying the canvas out), and
:func:`compare_with_onnxruntime` runs an export in onnxruntime and measures, node by node,
how far it is from the engine."""
from .export import IR_VERSION, OPSET, OnnxExportError, export_model, export_onnx
from .importer import import_onnx
from .reader import OnnxImportError

__all__ = ["export_onnx", "export_model", "import_onnx", "OnnxExportError", "OnnxImportError",
           "IR_VERSION", "OPSET"]
