"""Print the quality-gate figures: ``.venv/bin/python -m tests.eval_gate_report``."""

from __future__ import annotations

from sitrep.pipeline import Pipeline

from .eval_gate import run_gate

if __name__ == "__main__":
    report = run_gate(Pipeline.load())
    for name, tally in sorted(report.tallies.items()):
        print(f"{name:18s} {tally.right:3d}/{tally.total:<3d} {tally.rate:.3f}")
    for line in report.failures:
        print("FAIL", line)
    for line in report.misses:
        print("miss", line)
