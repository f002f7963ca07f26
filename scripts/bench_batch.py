"""Archive batch throughput: documents/s and MB/s with 1 and 2 local workers and a dask LocalCluster.

Usage: python scripts/bench_batch.py [--docs 600] [--runs 1]

Each run analyses a freshly generated archive (scripts/make_archive.py) into a
new database. "wall" includes starting the workers (forked from the already
warm parent on Linux; this process loads jieba and the models once before any
row, so no row pays for it);
"steady" is the rate between the first and the last stored document, i.e. with
start-up excluded, which is what decides a long batch. The machine's load
average is printed with the numbers: on a shared machine they mean little
without it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


class Timed:
    """Wraps an engine and notes when each result arrives."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.stamps: list[float] = []

    def results(self, tasks):
        for res in self.inner.results(tasks):
            self.stamps.append(time.perf_counter())
            yield res


def one_run(archive: Path, engine, label: str, mb: float) -> dict:
    from pipeline.archive.batch import run_batch

    timed = Timed(engine)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        counts = run_batch([str(archive)], str(Path(tmp) / "bench.sqlite"), engine=timed, progress=False)
        wall = time.perf_counter() - start
    n = counts.analysed
    steady = (len(timed.stamps) - 1) / (timed.stamps[-1] - timed.stamps[0]) if len(timed.stamps) > 1 else 0.0
    return {"label": label, "docs": n, "wall_s": wall, "docs_s": n / wall, "mb_s": mb / wall,
            "steady_docs_s": steady, "steady_mb_s": steady * mb / max(n, 1), "load": os.getloadavg()[0]}


def bench_batch(docs: int = 600, runs: int = 1, dask: bool = True, verbose: bool = True) -> list[dict]:
    """Run the batch section; print one line per configuration and return the rows."""
    print = _printer(verbose)  # noqa: A001
    import make_archive

    from pipeline.archive.batch import LocalEngine
    from pipeline.archive.worker import warm_up

    warm_up()  # the parent's one-time start (jieba, models) is left out of every row alike
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        make_archive.make(archive, count=docs, seed=1)
        good = [p for p in archive.rglob("*") if p.suffix in (".txt", ".md", ".docx") and "broken" not in p.parts]
        mb = sum(p.stat().st_size for p in good) / 1e6
        print(f"batch: {len(good)} generated documents, {mb:.2f} MB, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} before")
        def report(label: str, engine) -> None:
            row = one_run(archive, engine, label, mb)
            rows.append(row)
            print(f"  {label:<32} wall {row['wall_s']:6.2f} s  {row['docs_s']:6.1f} docs/s"
                  f"  {row['mb_s']:5.3f} MB/s | steady {row['steady_docs_s']:6.1f} docs/s"
                  f"  {row['steady_mb_s']:5.3f} MB/s  (load {row['load']:.2f})")

        # Local rows first: a running dask cluster puts threads in this process, and the local
        # pool then spawns its workers instead of forking them (what the command line does).
        for _ in range(runs):  # interleaved, so each pair of rows saw about the same load
            report("local, 1 worker", LocalEngine(1))
            report("local, 2 workers", LocalEngine(2))
        if dask:
            try:
                from distributed import Client, LocalCluster

                from pipeline.archive.dask import DaskEngine
            except ImportError:
                print("batch: dask.distributed not installed; dask row skipped")
            else:
                with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, Client(cluster) as client:
                    for _ in range(runs):
                        report("dask LocalCluster, 2 processes", DaskEngine(None, client=client))
    s = summary(rows)
    if "speedup_2_workers_steady" in s:
        print(f"  2 workers / 1 worker: best against best: steady {s['speedup_2_workers_steady']:.2f}x,"
              f" wall {s['speedup_2_workers_wall']:.2f}x; run by run (steady): "
              f"{', '.join(f'{x:.2f}x' for x in s['speedup_2_workers_by_run'])} (target >= 1.7x)")
    return rows


def summary(rows: list[dict]) -> dict:
    """Best run of each configuration, and the 2-worker speed-up."""
    out: dict = {}
    for r in rows:
        key = r["label"]
        if key not in out or r["steady_docs_s"] > out[key]["steady_docs_s"]:
            out[key] = {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items() if k != "label"}
    one, two = out.get("local, 1 worker"), out.get("local, 2 workers")
    if one and two:
        out["speedup_2_workers_steady"] = round(two["steady_docs_s"] / one["steady_docs_s"], 2)
        out["speedup_2_workers_wall"] = round(two["docs_s"] / one["docs_s"], 2)
        ones = [r["steady_docs_s"] for r in rows if r["label"] == "local, 1 worker"]
        twos = [r["steady_docs_s"] for r in rows if r["label"] == "local, 2 workers"]
        out["speedup_2_workers_by_run"] = [round(b / a, 2) for a, b in zip(ones, twos, strict=False)]
        out["target"] = 1.7
        out["ok"] = out["speedup_2_workers_steady"] >= 1.7
    return out


def _printer(verbose: bool):
    import builtins

    return builtins.print if verbose else (lambda *a, **k: None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    bench_batch(args.docs, args.runs, not args.no_dask)


if __name__ == "__main__":
    main()
