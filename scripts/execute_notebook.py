"""Executes one notebook with real Jupyter (nbclient) and the tslab kernel, cell by cell.

tslab reports type errors and exceptions as stderr stream text, so a plain
`nbconvert --execute` fails with an empty "<Error>:". This runner stops at the first failing
cell and prints the notebook name, that cell's source and the kernel's stderr for it.

usage: execute_notebook.py NOTEBOOK [--out EXECUTED.ipynb] [--timeout SECONDS]
exit:  0 ok, 1 a cell failed, 2 bad usage
"""
import argparse
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def stderr_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("\n".join(out.get("traceback", [])) or f"{out.get('ename')}: {out.get('evalue')}")
    return "".join(parts).rstrip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=int, default=900)
    args = ap.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=args.timeout,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    failed = None
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
                failed = (index, cell, err)
                break
    if args.out:
        nbformat.write(nb, args.out)
    if failed:
        index, cell, err = failed
        bar = "-" * 72
        print(f"\nFAILED {args.notebook}: cell {index} ({type(err).__name__})", file=sys.stderr)
        print(f"{bar}\ncell source:\n{bar}\n{cell.source}\n{bar}", file=sys.stderr)
        detail = stderr_text(cell) or str(err).strip() or "(the kernel printed nothing)"
        print(f"kernel stderr:\n{bar}\n{detail}\n{bar}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
