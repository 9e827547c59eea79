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

KERNEL_STARTS = 3
STARTUP_TIMEOUT = 30  # seconds; a healthy tslab kernel is ready in about one


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
    failed = None
    # A kernel that fails to start is retried with a fresh one; a failing cell never is. Why:
    # tslab's ZeroMQ sockets occasionally throw EBUSY ("Socket is blocked by a bind or unbind
    # operation") while answering the first kernel_info request, and the kernel then never
    # becomes ready: seen once in a fresh-clone CI run, on the host's slowest phase.
    for attempt in range(1, KERNEL_STARTS + 1):
        client = NotebookClient(
            nb,
            kernel_name="tslab",
            timeout=args.timeout,
            startup_timeout=STARTUP_TIMEOUT,
            record_timing=False,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
        )
        started = False
        try:
            with client.setup_kernel():
                started = True
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
                        failed = (index, cell, err)
                        break
            break
        except RuntimeError as err:
            if started or attempt == KERNEL_STARTS:
                raise
            print(f"\n{args.notebook}: the kernel did not start ({err}); starting a new one "
                  f"({attempt + 1}/{KERNEL_STARTS})", file=sys.stderr)
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
