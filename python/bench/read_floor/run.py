"""The best ratio python/bench/visibility.py could show (issue 5): its plain-Python
implementation against a Rust extension that only reads the same input and decides
nothing, in the same run.

Run: python python/bench/read_floor/run.py  (needs cargo; builds this folder's crate
twice: for the stable ABI the asistent wheel uses, and for this Python version only).
If reading alone leaves less than 1/50 of the plain-Python time, no implementation that
takes the issue's input (one tuple per item) can be 50x faster.
"""

import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import visibility as bench  # noqa: E402  (python/bench/visibility.py)


def build(abi3: bool, out: pathlib.Path):
    target = out / ("target-abi3" if abi3 else "target-version")
    cmd = ["cargo", "build", "--release", "--quiet", "--target-dir", str(target)]
    if not abi3:
        cmd.append("--no-default-features")
    env = dict(os.environ, PYO3_PYTHON=sys.executable)
    subprocess.run(cmd, cwd=HERE, check=True, env=env)
    lib = target / "release" / "libread_floor.so"
    so = out / ("abi3" if abi3 else "version") / "read_floor.so"
    so.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(lib, so)
    spec = importlib.util.spec_from_file_location("read_floor", so)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    import asistent  # noqa: F401  (the same Python as the visibility bench)

    import datetime as dt

    items, viewers = bench.gradebook(bench.ITEMS)
    students = -(-bench.ITEMS // bench.PER_STUDENT)
    facts = asistent.RightsFacts.from_json(bench.school(students))
    on = dt.date(2026, 1, 15)
    class_of = {f"s{i}": f"c{i % bench.CLASSES}" for i in range(students)}
    class_teacher = {f"c{c}": f"r{c}" for c in range(bench.CLASSES)}
    answers = len(bench.plain(items, viewers, facts, on, class_of, class_teacher))
    out = pathlib.Path(tempfile.mkdtemp(prefix="read_floor-"))
    floors = {"stable ABI (abi3-py39, as the wheel)": build(True, out),
              f"this Python only ({sys.version.split()[0]})": build(False, out)}
    t_plain = bench.best_of(3, lambda: bench.plain(items, viewers, facts, on, class_of, class_teacher))
    print(f"{bench.ITEMS} items, {len(viewers)} viewers, {answers} answers")
    print(f"  plain Python, the whole rules:           {t_plain * 1e3:8.1f} ms")
    print(f"  50x faster would be:                     {t_plain / 50 * 1e3:8.2f} ms")
    import array
    t_out = bench.best_of(20, lambda: array.array("q", bytes(8 * answers)))
    print(f"  returning the answers as array('q') from one bytes buffer (as the library does): {t_out * 1e3:.2f} ms")
    for name, m in floors.items():
        t_iter = bench.best_of(20, lambda: m.iterate(items))
        t_read = bench.best_of(20, lambda: m.read(items))
        print(f"  {name}:")
        print(f"    iterating the items only:              {t_iter * 1e3:8.2f} ms")
        print(f"    reading kind, student, instant only:   {t_read * 1e3:8.2f} ms"
              f"  -> at best {t_plain / t_read:5.1f}x, with nothing decided and no answer written")
        left = t_plain / 50 - t_read - t_out
        print(f"    left for the viewers and {answers} decisions at 50x: {left * 1e3:8.2f} ms"
              f" = {max(left, 0) / answers * 1e9:.1f} ns per answer")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
