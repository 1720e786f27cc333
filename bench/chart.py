#!/usr/bin/env python3
"""Renders bench/sweep.sh's CSV as an SVG: requests per second against concurrency (log2 axis) for each path, and
the CPU all processes spent per request. Standard library only (no plotting package is assumed on the machine).

    python3 bench/chart.py target/sweep/sweep.csv target/sweep/sweep.svg "EAR, H2"
"""
import csv
import math
import sys

COLOURS = {"direct": "#1b7837", "sdk": "#2166ac", "noop": "#999999", "gateway": "#b2182b"}
LABELS = {"direct": "direct SDK → stub (the physical limit)", "sdk": "ceiling: do-nothing endpoint + the SDK call",
          "noop": "ceiling: do-nothing JAX-RS endpoint", "gateway": "Sesame gateway (policy, audit, SDK call)"}


def load(path):
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["path"], []).append(r)
    return rows


def panel(out, rows, x0, y0, w, h, value, title, unit, levels):
    top = max(value(r) for rs in rows.values() for r in rs if not math.isnan(value(r)))
    step = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    top = math.ceil(top / step) * step if top > 0 else 1
    xs = {c: x0 + w * i / max(1, len(levels) - 1) for i, c in enumerate(levels)}
    out.append(f'<text x="{x0}" y="{y0 - 12}" font-size="14" font-weight="bold">{title}</text>')
    out.append(f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#ccc"/>')
    for i in range(0, 5):
        v = top * i / 4
        y = y0 + h - h * i / 4
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{v:,.0f}</text>')
    for c, x in xs.items():
        out.append(f'<text x="{x:.1f}" y="{y0 + h + 16}" font-size="11" text-anchor="middle">{c}</text>')
    out.append(f'<text x="{x0 + w / 2}" y="{y0 + h + 34}" font-size="11" text-anchor="middle">concurrent clients</text>')
    out.append(f'<text x="{x0 - 48}" y="{y0 + h / 2}" font-size="11" text-anchor="middle" '
               f'transform="rotate(-90 {x0 - 48} {y0 + h / 2})">{unit}</text>')
    for path in ("direct", "sdk", "noop", "gateway"):
        if path not in rows:  # the other SDK clients (sdk-crt, …) are in the CSV and BENCHMARKS.md, not the chart
            continue
        pts = [(xs[int(r["concurrency"])], y0 + h - h * value(r) / top) for r in rows[path] if not math.isnan(value(r))]
        out.append(f'<polyline fill="none" stroke="{COLOURS[path]}" stroke-width="2" points="'
                   + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
        for x, y in pts:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[path]}"/>')


def main():
    source, target = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else ""
    rows = load(source)
    levels = sorted({int(r["concurrency"]) for rs in rows.values() for r in rs})
    width, height = 980, 470
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="20" y="24" font-size="16" font-weight="bold">Sesame against the physical limit{" — " + title if title else ""}'
           f' (2 cores shared by Payara, the SES stub and the load driver)</text>']
    panel(out, rows, 80, 70, 380, 280, lambda r: float(r["throughput"]), "Throughput", "requests per second", levels)

    def cpu(r):
        # the direct path does not go through Payara: its background work is not the direct path's cost
        keys = ("stub_cpu_us", "driver_cpu_us") if r["path"] == "direct" else ("payara_cpu_us", "stub_cpu_us", "driver_cpu_us")
        parts = [float(r[k]) for k in keys if r[k] not in ("", "nan", "NaN")]
        return sum(parts) if parts else float("nan")

    panel(out, rows, 570, 70, 380, 280, cpu, "CPU per request (Payara + stub + driver)", "µs of CPU", levels)
    y = 400
    for i, path in enumerate(p for p in ("direct", "sdk", "noop", "gateway") if p in rows):
        x = 80 + (i % 2) * 470
        yy = y + (i // 2) * 22
        out.append(f'<rect x="{x}" y="{yy - 10}" width="14" height="4" fill="{COLOURS[path]}"/>')
        out.append(f'<text x="{x + 20}" y="{yy - 4}" font-size="12">{LABELS[path]}</text>')
    out.append("</svg>")
    with open(target, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
