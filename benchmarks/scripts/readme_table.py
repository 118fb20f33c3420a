#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's performance table from a `cropdeck --bench --report FILE.json` report.

One row per case, one column per engine: median images/s at one thread count (default: the largest the
report ran), then CropDeck's x best peer and % floor at that count. Every figure is read from the report;
a run that is not verified correct is shown as "wrong" instead of its speed, a missing one as "-".

  benchmarks/scripts/readme_table.py perf.json [--threads N]
"""

import argparse
import json
import sys


def figure(value):
    return f"{value:.3g}" if value < 1000 else f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    runs = report["runs"]
    threads = args.threads or max(run["threads"] for run in runs)
    engines, cases = [], []
    for run in runs:
        if run["engine"] not in engines and not run.get("unavailable") and not run.get("not_applicable"):
            engines.append(run["engine"])
        if run["case"] not in cases:
            cases.append(run["case"])

    def find(case, engine):
        for run in runs:
            if run["case"] == case and run["engine"] == engine and (run["threads"] == threads or run["serial"]):
                return run
        return None

    images = {run["case"]: run["images"] for run in runs}
    print(f"| case ({threads} threads; images/s) | " + " | ".join(engines) + " | cropdeck × best peer | cropdeck % floor |")
    print("|" + "---|" * (len(engines) + 3))
    for case in cases:
        cells = []
        for engine in engines:
            run = find(case, engine)
            if run is None or run.get("unavailable") or run.get("not_applicable"):
                cells.append("-")
            elif run["verification"]["verdict"] not in ("identical", "close") or run["failures"]:
                cells.append("wrong")
            else:
                cells.append(figure(run["images_per_s"]))
        own = find(case, "cropdeck")
        best = f"{own['x_best_peer']:.2f}×" if own and own["x_best_peer"] else "-"
        floor = f"{own['percent_of_floor']:.0f}%" if own and own["percent_of_floor"] else "-"
        print(f"| {case}, {images[case]} images | " + " | ".join(cells) + f" | {best} | {floor} |")
    system = report["system"]
    print(f"\n{system['cpu_model']}, {system['cores']} cores, load {system['load_before']} before and "
          f"{system['load_after']} after; {system['os']}; CropDeck {system['cropdeck']}, "
          f"libjpeg-turbo {system['libjpeg_turbo']}, OpenCV {system['opencv']}; {report['created']}.")


if __name__ == "__main__":
    sys.exit(main())
