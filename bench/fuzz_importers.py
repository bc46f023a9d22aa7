"""Fuzz every importer family with 100,000+ inputs each; count survivors, crashes and hangs.

    .venv/bin/python bench/fuzz_importers.py                    # 100,000 per family, 2 processes
    .venv/bin/python bench/fuzz_importers.py --per-family 5000 --families csv json

Inputs: a seed corpus drawn from the hypothesis strategies of bench/harness/fuzz_inputs.py
(every seed is used as is), then random mutations of the seeds (truncation, flipped and inserted
bytes, spliced seeds, JSON/CSV/XML tokens; zip-based seeds also have a member mutated and are
zipped again, so the damage reaches the XML and JSON inside). Every input is parsed with a time
limit (detection, the importer, row preparation); every ``--import-every``-th is also imported into
a workspace, which must stay unchanged when the import fails. Crashing inputs are kept in
``--keep`` (default /tmp/fuzz_crashes) for a regression test.
"""
from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

_TOKENS = [b'"', b"\n", b"\r\n", b",", b";", b"\t", b"\x00", b"[", b"]", b"{", b"}", b":", b"\\", b"\xff\xfe",
           b"\xef\xbb\xbf", b"\xc3", b"\xe9", b"&", b"<", b"]]>", b"&lol;", b"null", b"-1e999", b"99999999999999999999",
           b'"\\ud800"', b"=cmd|' /C calc'!A0", "配送".encode("gb18030"), "😀".encode("utf-8")]


class Hang(BaseException):
    pass


def _alarm(*_):
    raise Hang()


def _seeds(family: str, count: int) -> list[tuple[str, bytes, str | None]]:
    from hypothesis import HealthCheck, Phase, given, settings

    from harness import fuzz_inputs as F

    out = []

    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(F.STRATEGIES[family]())
    def collect(case):
        out.append(case)

    collect()
    return out


def _mutate_bytes(rng: random.Random, data: bytes, other: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        at = rng.randint(0, len(data))
        if op == 0 and data:
            del data[rng.randint(0, len(data) - 1):]
        elif op == 1 and data:
            i = rng.randrange(len(data))
            data[i] ^= rng.randint(1, 255)
        elif op == 2:
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        elif op == 3:
            data[at:at] = rng.choice(_TOKENS) * rng.choice([1, 1, 2, 7, 300])
        elif op == 4 and data:
            j = rng.randint(at, min(len(data), at + 200))
            data[at:at] = data[at:j] * rng.randint(1, 20)
        elif op == 5 and data:
            del data[at:at + rng.randint(1, 64)]
        else:
            cut = rng.randint(0, len(other))
            data[at:] = other[cut:]
    return bytes(data)


#: zips that unpack to more than this (the bomb seeds) get byte mutations only: unpacking and
#: re-packing hundreds of megabytes per input was what made the xlsx and zip families crawl
MAX_MEMBER_MUTATION_BYTES = 4 << 20
_MEMBERS: dict[int, tuple[bytes, dict[str, bytes] | None]] = {}


def _members(data: bytes) -> dict[str, bytes] | None:
    """The members of a seed zip, unpacked once per seed (seeds are reused thousands of times)."""
    hit = _MEMBERS.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    parts = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) <= MAX_MEMBER_MUTATION_BYTES:
                parts = {i.filename: zf.read(i) for i in infos}
    except Exception:  # noqa: BLE001 - already damaged: mutate the bytes
        parts = None
    _MEMBERS[id(data)] = (data, parts)
    return parts


def _mutate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    if data[:2] == b"PK" and rng.random() < 0.6:
        parts = _members(data)
        if parts:
            parts = dict(parts)
            name = rng.choice(sorted(parts))
            parts[name] = _mutate_bytes(rng, parts[name], other)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                for n, d in parts.items():
                    zf.writestr(n, d)
            return out.getvalue()
    return _mutate_bytes(rng, data, other)


def run_family(family: str, n: int, seeds: int, import_every: int, timeout: int, keep: str, seed: int) -> dict:
    from harness import fuzz_inputs as F
    from triage_app.store import Workspace

    rng = random.Random(seed)
    signal.signal(signal.SIGALRM, _alarm)
    started = time.time()
    corpus = _seeds(family, seeds)
    seed_seconds = time.time() - started
    work = Path(tempfile.mkdtemp(prefix=f"fuzz-{family}-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    ws, imports = None, 0
    counts, crashes, samples = Counter(), Counter(), {}
    for i in range(n):
        if i < len(corpus):
            name, data, fmt = corpus[i]
        else:
            name, data, fmt = rng.choice(corpus)
            data = _mutate(rng, data, rng.choice(corpus)[1]) or b"x"
            if rng.random() < 0.3:
                fmt = None
        path = work / f"in-{name}"
        path.write_bytes(data)
        signal.alarm(timeout)
        try:
            outcome = F.parse_only(path, fmt)
            if outcome.kind == "failed" or outcome.kind == "ok":
                if i % import_every == 0:
                    if ws is None or imports >= 5000:
                        if ws is not None:
                            ws.close()
                            for f in work.glob("w.triage*"):
                                f.unlink()
                        ws, imports = Workspace(work / "w.triage"), 0
                    imports += 1
                    imported = F.import_into(ws, path, fmt)
                    if imported.kind not in ("ok", "failed"):
                        outcome = imported
        except Hang:
            outcome = F.Outcome("hang", f"no result within {timeout} s")
        finally:
            signal.alarm(0)
        counts[outcome.kind] += 1
        if outcome.kind not in ("ok", "failed"):
            key = f"{outcome.kind}: {outcome.detail[:100]}"
            crashes[key] += 1
            if key not in samples:
                Path(keep).mkdir(parents=True, exist_ok=True)
                sample = Path(keep) / f"{family}-{len(samples)}-{name}"
                sample.write_bytes(data)
                samples[key] = {"file": str(sample), "format": fmt}
        if (i + 1) % 2_000 == 0:
            print(f"  {family}: {i + 1:,} inputs, {dict(counts)} ({time.time() - started:.0f} s)", file=sys.stderr,
                  flush=True)
    if ws is not None:
        ws.close()
    for f in work.iterdir():
        f.unlink()
    work.rmdir()
    return {"family": family, "inputs": n, "seeds": len(corpus), "seed_seconds": round(seed_seconds, 1),
            "imported_into_workspace": (n + import_every - 1) // import_every, "counts": dict(counts),
            "crashes": {k: {"count": v, **samples[k]} for k, v in crashes.items()},
            "seconds": round(time.time() - started, 1)}


def main() -> None:
    from harness import fuzz_inputs as F

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-family", type=int, default=100_000)
    ap.add_argument("--families", nargs="+", default=list(F.FAMILIES))
    ap.add_argument("--seeds", type=int, default=2000, help="hypothesis-generated seed inputs per family")
    ap.add_argument("--import-every", type=int, default=20)
    ap.add_argument("--timeout", type=int, default=30, help="seconds per input before it counts as a hang")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default="/tmp/fuzz_crashes")
    ap.add_argument("--json", dest="json_out", help="also write the results here")
    args = ap.parse_args()
    jobs = [(f, args.per_family, args.seeds, args.import_every, args.timeout, args.keep, 1000 + i)
            for i, f in enumerate(args.families)]
    with mp.get_context("fork").Pool(args.jobs, maxtasksperchild=1) as pool:
        results = pool.starmap(run_family, jobs)
    print("| family | inputs | seeds | also imported | imported | typed failure | crash | hang | other | time |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        c = r["counts"]
        other = sum(v for k, v in c.items() if k not in ("ok", "failed", "crash", "hang"))
        print(f"| {r['family']} | {r['inputs']:,} | {r['seeds']:,} | {r['imported_into_workspace']:,} | {c.get('ok', 0):,}"
              f" | {c.get('failed', 0):,} | {c.get('crash', 0):,} | {c.get('hang', 0):,} | {other:,} | {r['seconds']:,.0f} s |")
    for r in results:
        for key, info in r["crashes"].items():
            print(f"{r['family']}: {info['count']}x {key} -> {info['file']} (format {info['format']})")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
