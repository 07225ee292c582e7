"""Runs every benchmark and prints workload, time, baseline, ratio — each pair measured in the
same run, on this machine, so the ratio means something.

    uv run python -m bench.run [--only WORD] [--module NAME] [--repeat N]

(`--only` still makes every module's workloads before choosing among them; `--module trust`
makes only bench.trust's.)
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bench.common import MemoryWorkload, paired_medians

# Each area adds a module exposing workloads() -> list[Workload].
MODULES = (
    "bench.startup",
    "bench.registry",
    "bench.printing",
    "bench.grids",
    "bench.supplies",
    "bench.visits",
    "bench.requests",
    "bench.exchange",
    "bench.street",
    "bench.backups",
    "bench.spreadsheets",
    "bench.encryption",
    "bench.trust",
    "bench.release",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="run only workloads whose name contains this")
    parser.add_argument("--repeat", type=int, help="measurements per workload (median is shown)")
    parser.add_argument(
        "--module", action="append", help="only this module's workloads (repeat), e.g. trust"
    )
    args = parser.parse_args()
    rows: list[tuple[str, float, str, float, float, str]] = []
    failed = 0
    chosen = [m for m in MODULES if not args.module or m.split(".")[-1] in args.module]
    for name in chosen:
        for w in importlib.import_module(name).workloads():
            if args.only and args.only not in w.name:
                continue
            if isinstance(w, MemoryWorkload):
                failed += not _memory(w)
                continue
            repeat = args.repeat or w.repeat
            t, b = paired_medians(w.run, w.baseline, repeat)
            ratio = t / b if b else float("inf")
            verdict = []
            if w.target_seconds is not None:
                ok = t <= w.target_seconds
                verdict.append(f"{'ok' if ok else 'OVER'} ≤{w.target_seconds:g}s")
                failed += not ok
            if w.target_ratio is not None:
                ok = ratio <= w.target_ratio
                verdict.append(f"{'ok' if ok else 'OVER'} ≤{w.target_ratio:g}×")
                failed += not ok
            rows.append((w.name, t, w.baseline_name, b, ratio, ", ".join(verdict)))
            print(
                f"{w.name:<58} {t * 1000:>9.1f} ms | {w.baseline_name:<44} "
                f"{b * 1000:>9.1f} ms | {ratio:>6.2f}× | {rows[-1][5]}",
                flush=True,
            )
    return 1 if failed else 0


def _memory(w: MemoryWorkload) -> bool:
    """Print the peak memory of `w` beside its file's size; whether it is within its target."""
    from bench.spreadsheets import measure

    path = w.file()
    peak, said = measure(w.action, path)
    ok = peak <= w.target_mb
    size = path.stat().st_size / 1024 / 1024
    print(
        f"{w.name:<58} {size:>7.1f} MB file | peak {peak:>6.0f} MB | "
        f"{'ok' if ok else 'OVER'} ≤{w.target_mb:g} MB | {said[:70]}",
        flush=True,
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
