"""Reading an uploaded PDF in a child process with a time and memory limit.

A PDF is a program of sorts: a few megabytes can declare a picture of billions of pixels or a
content stream of millions of operators, and PDFium or pdfminer would work on it for minutes or
until the server runs out of memory. ``facsimile.prepare`` hands every PDF to a fresh Python
process that limits its own address space and CPU time before it reads a byte, and is killed when
it runs past its wall-clock time; whatever goes wrong there comes back as a ``FacsimileError`` in
Chinese. The child sends its answer as one JSON line followed by the files' bytes, no pickle.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from .facsimile import FacsimileError, Prepared, TextLine

logger = logging.getLogger(__name__)

_BLOBS = ("source", "large", "small")


def prepare_pdf_in_child(data: bytes, *, seconds: float, memory_mb: int) -> Prepared:
    """``facsimile.prepare_pdf`` run in a child process; raises FacsimileError on its error or its end."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "articles.facsimile_sandbox", str(memory_mb), str(int(seconds) + 1)]
    try:
        finished = subprocess.run(command, input=data, capture_output=True, timeout=seconds, cwd=root, env=env)
    except subprocess.TimeoutExpired:
        raise FacsimileError(
            f"这个 PDF 在 {seconds:g} 秒内没能处理完(可能含超大图片或异常内容),已拒收。请从排版系统重新导出。"
        ) from None
    header, _, rest = finished.stdout.partition(b"\n")
    try:
        answer = json.loads(header)
    except ValueError:
        answer = None
    if finished.returncode < 0 or b"MemoryError" in finished.stderr:  # killed at its CPU limit, or out of memory
        raise FacsimileError(
            "这个 PDF 处理时超出了内存或时间上限(可能含超大图片或异常内容),已拒收。请从排版系统重新导出。"
        )
    if finished.returncode != 0 or not isinstance(answer, dict):
        logger.error("reading a PDF failed in the child process: %s", finished.stderr.decode(errors="replace")[-2000:])
        raise FacsimileError("这个 PDF 无法读取,文件可能已损坏。请从排版系统重新导出。")
    if "error" in answer:
        raise FacsimileError(answer["error"])
    blobs, offset = {}, 0
    for name, size in zip(_BLOBS, answer["sizes"]):
        blobs[name] = rest[offset:offset + size]
        offset += size
    return Prepared(
        kind="pdf",
        source=blobs["source"],
        extension="pdf",
        width=answer["width"],
        height=answer["height"],
        images={"large": blobs["large"], "small": blobs["small"]},
        lines=[TextLine.from_list(row) for row in answer["lines"]],
        notes=answer["notes"],
    )


def _child(memory_mb: int, cpu_seconds: int) -> int:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    from . import facsimile

    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    try:
        prepared = facsimile.prepare_pdf(data)
    except FacsimileError as error:
        out.write(json.dumps({"error": str(error)}, ensure_ascii=False).encode() + b"\n")
        return 0
    blobs = [prepared.source, prepared.images["large"], prepared.images["small"]]
    header = {
        "width": prepared.width,
        "height": prepared.height,
        "lines": [line.as_list() for line in prepared.lines],
        "notes": prepared.notes,
        "sizes": [len(blob) for blob in blobs],
    }
    out.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
    for blob in blobs:
        out.write(blob)
    return 0


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), int(sys.argv[2])))
