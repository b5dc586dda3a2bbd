"""Monte Carlo benchmark: `tco uncertainty` against a plain-numpy kernel, one run.

For 1e4, 1e5 and 1e6 samples of the fixed scenario benchmarks/montecarlo.toml
(basic features only, every value explicit), times

  engine  tco.analysis.uncertainty.run: samples substituted into the validated
          inputs, the model built and the engine evaluated, chunk by chunk
  kernel  the same formulas written here in plain numpy, on the same samples
          (the same chunks, the same sampling code and threads), yearly flows
          per category as the engine keeps them

checks that both give the same present values (to 1e-9, relative) on the first
samples, and prints the ratio engine/kernel (target <= 1.5). Then it times the
whole process `tco uncertainty default --samples 1000000 --format json` (target
<= 3 s wall and <= 1 GiB peak RSS on a 2-core machine) and 10,000 samples
(target well under 1 s). Not a test: timings on shared machines are noisy; the
load average is printed with them.

Usage: python benchmarks/montecarlo.py [--runs N] [--skip-process]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from tco.analysis import evaluate as chunked
from tco.analysis import inputs, sampling, uncertainty
from tco.io import loader

SCENARIO = str(Path(__file__).with_name("montecarlo.toml"))
HOURS = 8760.0


def kernel_chunk(resolved, varied, block: np.ndarray) -> np.ndarray:
    """Present value and total of each option for one chunk: (2, options, samples)."""
    n = block.shape[1]
    given = inputs.all_inputs(resolved)
    sampled = {v.path: block[i] for i, v in enumerate(varied)}

    def x(path: str):
        if path in sampled:
            return sampled[path]
        value = given[path].value
        return float(getattr(value, "magnitude", value))

    horizon = 5
    years = np.arange(horizon + 1, dtype=float)
    start, later = (years == 0), (years >= 1)
    rate = np.asarray(x("analysis.discount_rate")) / 100.0
    factors = (1.0 + np.asarray(rate)[..., None]) ** -years
    escalation = np.asarray(x("analysis.electricity_escalation")) / 100.0
    growth = np.where(later, (1.0 + escalation[..., None]) ** (years - 1.0), 0.0)
    price = x("analysis.electricity_price")
    labour = x("analysis.labour_rate")
    downtime = x("analysis.downtime_cost")
    overhead = x("analysis.pue") - 1.0
    intensity = x("analysis.grid_carbon_intensity")  # kgCO2e/kWh = tCO2e/MWh
    carbon_price = x("analysis.carbon_price")
    switches, ports = 1000.0, 64.0
    out = np.empty((2, len(resolved.options), n))
    for k, (oid, _, parts) in enumerate(resolved.options):
        def p(part: str, key: str, oid=oid):
            return x(f"options.{oid}.{part}.{key}")

        counts = {name: 1.0 if name == "switch" else
                  (ports * given[f"options.{oid}.{name}.per_port"].value
                   if given[f"options.{oid}.{name}.per_port"].value is not None
                   else given[f"options.{oid}.{name}.count"].value) for name in parts}
        bundle = p("switch", "price") + sum(
            counts[q] * p(q, "price") for q in parts
            if q != "switch" and given[f"options.{oid}.{q}.repair"].value != "swap")
        flows = {c: 0.0 for c in ("equipment", "spares", "installation", "repairs",
                                  "downtime", "energy", "cooling", "carbon")}
        it_kw = 0.0
        for name in parts:
            units = switches * counts[name]
            repair = given[f"options.{oid}.{name}.repair"].value
            if given[f"options.{oid}.{name}.afr"].value is not None:
                fails = units * p(name, "afr") / 100.0
            else:
                fails = units * HOURS / p(name, "mtbf")
            per_repair = {"swap": p(name, "price"), "replace_switch": bundle,
                          "spare_port": 0.0}[repair] + p(name, "repair_labour") * labour
            links = ports if repair == "replace_switch" else max(ports / counts[name], 1.0)
            cost = units * p(name, "price")
            flows["equipment"] = flows["equipment"] + np.multiply.outer(cost, start)
            flows["spares"] = flows["spares"] + np.multiply.outer(
                cost * p(name, "spares") / 100.0, start)
            flows["installation"] = flows["installation"] + np.multiply.outer(
                units * p(name, "install_labour") * labour, start)
            flows["repairs"] = flows["repairs"] + np.multiply.outer(fails * per_repair, later)
            flows["downtime"] = flows["downtime"] + np.multiply.outer(
                fails * links * p(name, "time_to_repair") * downtime, later)
            it_kw = it_kw + units * p(name, "power") / 1000.0
        cool_kw = it_kw * overhead
        flows["energy"] = np.asarray(it_kw * HOURS * price)[..., None] * growth
        flows["cooling"] = np.asarray(cool_kw * HOURS * price)[..., None] * growth
        mwh = (it_kw + cool_kw) * HOURS / 1000.0
        flows["carbon"] = np.multiply.outer(mwh * intensity * carbon_price, later)
        year_totals = sum(np.broadcast_to(f, (n, horizon + 1)) for f in flows.values())
        out[0, k] = np.einsum("sy,sy->s", year_totals,
                              np.broadcast_to(factors, year_totals.shape))
        out[1, k] = year_totals.sum(axis=1)
    return out


def run_kernel(resolved, samples: int, seed: int) -> np.ndarray:
    varied = inputs.ranged(resolved)
    dists = [v.as_dist() for v in varied]
    plan = sampling.plan(samples, seed, chunked.CHUNK)

    def job(item):
        _, size, seq = item
        block = sampling.draw_chunk(dists, size, seq)
        for row, v in zip(block, varied, strict=True):
            uncertainty._clip(row, v)
        return kernel_chunk(resolved, varied, block)

    with ThreadPoolExecutor(chunked.WORKERS) as pool:
        return np.concatenate(list(pool.map(job, plan)), axis=2)


def best_of(runs: int, fn) -> tuple[float, float]:
    """The best wall time and the best CPU time (all threads) of ``runs`` calls."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def process(args: list[str]) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and peak RSS (MiB) of one `tco` process.

    The peak RSS comes from GNU time where it is installed: getrusage of the
    children would count the pages of this (large) process copied at fork.
    """
    script = Path(sys.executable).with_name("tco")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "tco"]
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists()
                                        else None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if gnu_time:
        done = subprocess.run([gnu_time, "-f", "%M", *cmd, *args], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=True)
        peak = float(done.stderr.strip().splitlines()[-1]) / 1024.0
    else:
        subprocess.run([*cmd, *args], stdout=subprocess.DEVNULL, check=True)
        peak = float("nan")  # not measured without GNU time
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-process", action="store_true")
    opts = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs; chunk {chunked.CHUNK:,}, {chunked.WORKERS} threads")
    resolved = loader.resolve(SCENARIO)
    # the same formulas: equal present values and totals on the first samples
    u = uncertainty.run(resolved, 2000, seed=1)
    k = run_kernel(resolved, 2000, seed=1)
    first = slice(0, 200)
    for name, engine_values, kernel_values in (
            ("present value", u.outcome.present_values, k[0]),
            ("total", u.outcome.totals, k[1])):
        err = np.max(np.abs(engine_values[:, first] / kernel_values[:, first] - 1.0))
        print(f"{name}: engine vs kernel, largest relative difference {err:.1e}")
        if err > 1e-9:
            sys.exit(f"the kernel and the engine disagree ({name}): fix the kernel")
    print("best of the runs; CPU is the time of all threads, the fairer measure on a "
          "loaded machine")
    print(f"{'samples':>10} {'engine wall':>12} {'kernel wall':>12} {'ratio':>6} "
          f"{'engine CPU':>11} {'kernel CPU':>11} {'ratio':>6}")
    for samples in (10_000, 100_000, 1_000_000):
        runs = opts.runs if samples < 1_000_000 else max(1, opts.runs - 1)
        e_wall, e_cpu = best_of(runs, lambda s=samples: uncertainty.run(resolved, s, seed=1))
        k_wall, k_cpu = best_of(runs, lambda s=samples: run_kernel(resolved, s, seed=1))
        print(f"{samples:>10,} {e_wall:>11.3f}s {k_wall:>11.3f}s {e_wall / k_wall:>6.2f} "
              f"{e_cpu:>10.3f}s {k_cpu:>10.3f}s {e_cpu / k_cpu:>6.2f}  (target <= 1.5)")
    if opts.skip_process:
        return
    # the smaller run first: the peak RSS of child processes is a maximum over them all
    for samples, target in ((10_000, "well under 1 s"), (1_000_000, "<= 3 s, <= 1024 MiB")):
        wall, cpu, peak = min((process(["uncertainty", "default", "--samples", str(samples),
                                        "--format", "json"]) for _ in range(opts.runs)),
                              key=lambda t: t[0])
        print(f"whole process, default preset, {samples:,} samples: {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU, peak RSS {peak:,.0f} MiB (target {target})")


if __name__ == "__main__":
    main()
