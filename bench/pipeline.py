"""Video pipeline overhead: the whole processing job vs the same ffmpeg commands run bare, same run.

    DATABASE_URL=postgres://… .venv/bin/python bench/pipeline.py [--seconds 120] [--size 1920x1080] [--rounds 2]

A quick check that it runs: ``--seconds 4 --size 320x240 --rounds 1`` (seconds; the figures of so short a
source are dominated by fixed costs and say nothing about the goal).

1. generates a source with ffmpeg (testsrc2 + sine, H.264/AAC, 30 fps; 2 minutes of 1080p by default);
2. baseline: runs ffprobe and the exact ffmpeg commands the pipeline would run (``PipelinePlan.commands()``)
   bare, one after the other, into a scratch folder;
3. pipeline: stores the same file as an uploaded video's original and runs ``media.services.video_process``
   (claim, download/probe, transcode with progress and lease writes, codec probes, master playlist,
   fallback, poster, sprite, storing every file through Django's storage API, publish);
   Steps 2 and 3 alternate ``--rounds`` times (the machine may be shared); medians are compared.
4. prints both wall times, the overhead ratio (goal ≤ 1.10×) and the realtime factor
   (seconds of video per second of processing), and writes them to bench/results/pipeline.json.

It creates a throw-away PostgreSQL database (``<TEST_DB_NAME or NAME>_bench_pipeline``) and a temporary MEDIA_ROOT, and
removes both at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
GOAL = 1.10


def generate(path: Path, *, seconds: int, size: str) -> None:
    subprocess.run(
        [
            "ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p", "-g", "60",
            "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", str(path),
        ],
        check=True,
    )  # fmt: skip


def bare(source: Path, scratch: Path) -> float:
    from media.services.probe import probe_video
    from media.services.transcode import plan_pipeline

    started = time.perf_counter()
    probe = probe_video(source)
    plan = plan_pipeline(source=source, out_dir=scratch, probe=probe)
    for command in plan.commands():
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def pipeline(source: Path) -> tuple[float, dict[str, object]]:
    from media.models import Video, VideoStatus, video_original_upload_to
    from media.services import processing
    from media.services.storage import storage_put

    # an uploaded video, as upload_complete leaves it (without enqueueing: this process runs the job)
    video = Video(title="bench", original_name=source.name, size=source.stat().st_size)
    video.original.name = storage_put(video_original_upload_to(video, source.name), source)
    video.status = VideoStatus.UPLOADED
    video.save()
    started = time.perf_counter()
    result = processing.video_process(video_id=video.pk, holder=processing.worker_holder("bench"))
    elapsed = time.perf_counter() - started
    video.refresh_from_db()
    if result != "ready":
        raise SystemExit(f"pipeline did not finish: {result} {video.error_reason}\n{video.stderr_tail}")
    return elapsed, {
        "renditions": [r.name for r in video.renditions.order_by("height")],
        "duration": video.duration,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternate bare and pipeline runs this many times; medians"
    )
    args = parser.parse_args()

    import django
    from django.conf import settings

    work = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    settings_media = work / "media"
    os.environ["MEDIA_ROOT"] = str(settings_media)
    django.setup()
    settings.MEDIA_ROOT = settings_media
    from django.db import connection

    # TEST_DB_NAME (one per checkout) keeps parallel runs on a shared server apart
    test_name = f"{os.environ.get('TEST_DB_NAME') or connection.settings_dict['NAME']}_bench_pipeline"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        source = work / "source.mp4"
        t0 = time.perf_counter()
        generate(source, seconds=args.seconds, size=args.size)
        print(f"source: {args.size}, {args.seconds} s, {source.stat().st_size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - t0:.1f} s); {os.cpu_count()} CPUs; "
              f"preset {settings.MEDIA_X264_PRESET}")  # fmt: skip

        bare_times, pipeline_times = [], []
        for round_no in range(1, args.rounds + 1):  # alternate, so load from other processes hits both
            bare_times.append(bare(source, work / "bare"))
            shutil.rmtree(work / "bare", ignore_errors=True)
            print(
                f"round {round_no}: baseline (ffprobe + the same ffmpeg commands, bare): {bare_times[-1]:8.1f} s"
            )
            elapsed, info = pipeline(source)
            pipeline_times.append(elapsed)
            print(f"round {round_no}: pipeline (media.services.video_process):              {elapsed:8.1f} s")
        baseline, elapsed = statistics.median(bare_times), statistics.median(pipeline_times)
        print(
            f"median baseline {baseline:.1f} s, median pipeline {elapsed:.1f} s; renditions {info['renditions']}"
        )
        ratio = elapsed / baseline
        realtime = args.seconds / elapsed
        verdict = "OK" if ratio <= GOAL else "ABOVE GOAL"
        print(f"overhead ratio: {ratio:.3f}x (goal <= {GOAL:.2f}x: {verdict})")
        print(f"realtime factor: {realtime:.2f}x (baseline {args.seconds / baseline:.2f}x)")
        results = ROOT / "bench" / "results"
        results.mkdir(parents=True, exist_ok=True)
        (results / "pipeline.json").write_text(
            json.dumps(
                {
                    "source": {"size": args.size, "seconds": args.seconds},
                    "cpus": os.cpu_count(),
                    "rounds": args.rounds,
                    "baseline_runs": [round(t, 2) for t in bare_times],
                    "pipeline_runs": [round(t, 2) for t in pipeline_times],
                    "baseline_seconds": round(baseline, 2),
                    "pipeline_seconds": round(elapsed, 2),
                    "overhead_ratio": round(ratio, 3),
                    "realtime_factor": round(realtime, 3),
                    "baseline_realtime_factor": round(args.seconds / baseline, 3),
                    "renditions": info["renditions"],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
