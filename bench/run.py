"""The benchmark: build speed and scale, package size and the learner's page weight, against the floor.

    python bench/run.py            # the full benchmark; prints the table and writes it into BENCHMARKS.md
    python bench/run.py --quick    # fewer runs, smaller inputs, writes nothing (CI: proves it still works)

Each measurement runs against whatever the checkout has: one whose feature does not exist yet
prints "n/a (not built yet)". Missed targets never change the exit status; a measurement that
breaks does (exit 1), so CI notices a benchmark that no longer works.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import posixpath
import shutil
import statistics
import subprocess
import sys
import tempfile
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import browser  # noqa: E402 (bench/ siblings)
import floor  # noqa: E402
import make_course  # noqa: E402
from timing import Run, Series, kilobytes, megabytes, run_checked  # noqa: E402

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".webm", ".ogg", ".pdf")


class NotBuiltYet(Exception):
    """The feature a measurement needs is not in this checkout yet."""


@dataclass
class Row:
    measurement: str
    result: str
    target: str = ""
    met: bool | None = None  # None: no target, or nothing to judge
    status: str = ""

    def __post_init__(self):
        if not self.status:
            self.status = "" if self.met is None else ("met" if self.met else "**missed**")


@dataclass
class Options:
    quick: bool
    source: Path
    work: Path
    build_runs: int
    fcp_runs: int
    scale_sizes: list[int]
    report_rows: int
    preview_edits: int
    startup_runs: int = 11
    only: list[str] | None = None


@dataclass
class Bench:
    options: Options
    rows: list[Row] = field(default_factory=list)
    failures: int = 0
    dist: Path | None = None  # a finished full build of the course
    build_series: Series | None = None
    build_cpu: float = 0.0
    floor_cpu: float = 0.0
    formats: list[str] = field(default_factory=list)

    def measure(self, titles: list[tuple[str, str]], function) -> None:
        """Runs one measurement; if it cannot run, its rows say why instead of the numbers."""
        done = len(self.rows)
        try:
            function(self)
        except NotBuiltYet as missing:
            self._fill(titles, done, f"n/a (not built yet: {missing})", "n/a")
        except Exception as error:  # a broken measurement must not hide the others
            self.failures += 1
            traceback.print_exc()
            self._fill(titles, done, f"error: {str(error).splitlines()[0] if str(error) else type(error).__name__}", "error")

    def _fill(self, titles, done: int, result: str, status: str) -> None:
        present = {row.measurement for row in self.rows[done:]}
        self.rows += [Row(title, result, target, status=status) for title, target in titles if title not in present]

    def add(self, *rows: Row) -> None:
        self.rows += rows


# --- helpers ------------------------------------------------------------------------------------

def course_builder_command() -> list[str]:
    script = Path(sys.executable).parent / "course-builder"
    return [str(script)] if script.exists() else [sys.executable, "-m", "course_builder"]


def cli_commands() -> dict[str, str]:
    from course_builder.cli import COMMANDS

    return COMMANDS


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def build_once(source: Path, out: Path, tree_memory: bool = False) -> Run:
    return run_checked(course_builder_command() + ["build", "--source", str(source), "--out", str(fresh(out))],
                       tree_memory=tree_memory)


def first_build(source: Path, out: Path) -> Run:
    """The course's first build: none of its Markdown stored by an earlier one (course_builder/stored_markdown.py)."""
    from course_builder.stored_markdown import FOLDER

    shutil.rmtree(source / FOLDER, ignore_errors=True)
    return build_once(source, out, tree_memory=True)


def tree_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# --- the measurements -----------------------------------------------------------------------------

FULL_BUILD = "full build of the course, every format (fresh process)"
FLOOR = "floor: the same files and zips written with zipfile alone (fresh process)"
RATIO = "build ÷ floor (medians)"


def full_build(bench: Bench) -> None:
    options = bench.options
    out = options.work / "full" / "dist"
    build_once(options.source, out)  # not timed: writes the bytecode cache, as any installation has it, and
    # stores the course's Markdown, as any build before a rebuild has
    runs = [build_once(options.source, out) for _ in range(options.build_runs)]
    bench.dist, bench.formats = out, sorted(p.name for p in out.iterdir() if p.is_dir())
    bench.build_series = Series([r.seconds for r in runs])
    series = bench.build_series
    cpu = Series([r.cpu_seconds for r in runs])
    bench.build_cpu = cpu.median
    bench.add(Row(FULL_BUILD, f"{series.describe()}; CPU median {cpu.median:.2f} s; "
                              f"peak {megabytes(max(r.peak_rss_bytes for r in runs))}",
                  "≤ 1 s", series.median <= 1.0))


def floor_ratio(bench: Bench) -> None:
    if bench.dist is None:
        raise RuntimeError("the full build did not run")
    options = bench.options
    source = options.work / "floor-input.pickle"
    count = floor.collect(str(bench.dist), str(source))
    out = options.work / "floor" / "dist"
    runs = [run_checked([sys.executable, str(BENCH / "floor.py"), str(source), str(fresh(out))])
            for _ in range(options.build_runs)]
    series = Series([r.seconds for r in runs])
    bench.floor_cpu = Series([r.cpu_seconds for r in runs]).median
    identical = tree_files(out) == tree_files(bench.dist)
    same = "byte-identical to the build's" if identical else "NOT byte-identical to the build's (see floor.py)"
    bench.add(Row(FLOOR, f"{series.describe()}; CPU median {bench.floor_cpu:.2f} s; {count} files, {same}"))
    ratio = bench.build_series.median / series.median
    bench.add(Row(RATIO, f"{ratio:.1f}× (min ÷ min {bench.build_series.min / series.min:.1f}×, "
                         f"CPU {bench.build_cpu / bench.floor_cpu:.1f}×)", "≤ 3×", ratio <= 3))


def scale(bench: Bench) -> None:
    options = bench.options
    results: list[tuple] = []  # size, seconds, memory of all processes, largest process, CPU seconds
    for size in options.scale_sizes:
        source = make_course.make_course(options.work / f"course-{size}", size)
        runs = [first_build(source, options.work / f"scale-{size}") for _ in range(1 if size >= 1000 else 2)]
        best = min(runs, key=lambda r: r.seconds)
        memory = max(max(r.peak_tree_bytes, r.peak_rss_bytes) for r in runs)
        results.append((size, best.seconds, memory, max(r.peak_rss_bytes for r in runs), best.cpu_seconds))
        shutil.rmtree(options.work / f"scale-{size}")
        shutil.rmtree(source)
    for size, seconds, memory, largest, cpu in results:
        target, met = ("≤ 30 s, ≤ 1 GB", seconds <= 30 and memory <= 1024 ** 3) if size == 1000 else ("", None)
        bench.add(Row(f"scale: {size} modules × (5 pages, 10 questions), every format, a first build",
                      f"{seconds:.2f} s ({ms(seconds / size)} per module; CPU {cpu:.1f} s), peak {megabytes(memory)} "
                      f"(all processes; largest one {megabytes(largest)})", target, met))
    (small, t_small, m_small, _, c_small), (large, t_large, m_large, _, c_large) = results[-2], results[-1]
    growth = (c_large / large) / (c_small / small)  # the work; wall time also shows how it was shared out
    memory = (m_large - m_small) / (large - small)
    bench.add(Row(f"scale: growth {small} → {large} modules",
                  f"CPU per module ×{growth:.2f} (wall time per module ×{(t_large / large) / (t_small / small):.2f}); "
                  f"memory +{memory / 1024:.0f} KB per module", "linear (CPU ×≤ 1.3)", growth <= 1.3))


def sco_zips(bench: Bench) -> list[tuple[Path, str]]:
    """Per-module SCORM 1.2 packages of the full build: (zip, launch page), those with one SCO."""
    if bench.dist is None or not (bench.dist / "scorm12").is_dir():
        raise NotBuiltYet("no scorm12 format")
    packages = []
    for path in sorted((bench.dist / "scorm12").rglob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            launches = sco_launches(archive.read("imsmanifest.xml"))
        if len(launches) == 1:
            packages.append((path, launches[0]))
    if not packages:
        raise RuntimeError("dist/scorm12 holds no single-SCO package")
    return packages


def sco_launches(manifest: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(manifest)
    return [resource.get("href") for resource in root.iter("{*}resource")
            if any(name.endswith("scormtype") and value.lower() == "sco" for name, value in resource.attrib.items())]


def size_without_media(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        media = sum(i.compress_size + 30 + len(i.filename) for i in archive.infolist() if i.filename.lower().endswith(MEDIA))
    return path.stat().st_size - media


def package_sizes(bench: Bench) -> None:
    packages = sco_zips(bench)
    sizes = sorted((size_without_media(path), path.name) for path, _ in packages)
    largest, name = sizes[-1]
    bench.add(Row("SCORM 1.2 zip per module (no media)",
                  f"largest {kilobytes(largest)} ({name}), median {kilobytes(statistics.median(s for s, _ in sizes))}, "
                  f"{len(sizes)} modules", "≤ 100 KB", largest <= 100 * 1024))


def format_sizes(bench: Bench) -> None:
    if bench.dist is None:
        raise RuntimeError("the full build did not run")
    parts = []
    for name in bench.formats:
        files = [p for p in (bench.dist / name).rglob("*") if p.is_file()]
        parts.append(f"{name} {kilobytes(sum(p.stat().st_size for p in files))}")
    bench.add(Row("dist/ by format (all files)", ", ".join(parts)))


@dataclass
class FirstPage:
    root: Path  # a folder to serve
    launch: str  # the page, relative to root
    label: str


def first_page(bench: Bench) -> FirstPage:
    """The largest module's SCO, unpacked; the web format's page until SCORM 1.2 exists."""
    target = fresh(bench.options.work / "first-page")
    try:
        packages = sco_zips(bench)
    except NotBuiltYet:
        if bench.dist is None or not (bench.dist / "web").is_dir():
            raise
        pages = sorted((bench.dist / "web").glob("*/index.html"), key=lambda p: p.stat().st_size)
        shutil.copytree(bench.dist / "web", target)
        return FirstPage(target, pages[-1].relative_to(bench.dist / "web").as_posix(),
                         f"web page of {pages[-1].parent.name} (no SCORM 1.2 yet)")
    path, launch = max(packages, key=lambda p: p[0].stat().st_size)
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)
    return FirstPage(target, launch, f"SCO {path.name}")


def page_weight(page: FirstPage) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The JS and CSS of the page, (name, bytes) each: what it loads before it can paint (scripts and stylesheets,
    inline or not), and the scripts it lists in data-first, added right after the first paint."""
    import lxml.html

    document = lxml.html.fromstring((page.root / page.launch).read_bytes())
    base = posixpath.dirname(page.launch)
    before, after = [], []

    def linked(reference: str) -> tuple[str, int]:
        path = page.root / posixpath.normpath(posixpath.join(base, reference.split("?")[0].split("#")[0]))
        return posixpath.basename(reference), path.stat().st_size

    for element in document.iter("script", "style", "link"):
        after += [linked(listed) for listed in (element.get("data-first") or "").split()]
        if element.tag == "link":
            if "stylesheet" in (element.get("rel") or "").lower().split():
                before.append(linked(element.get("href")))
        elif element.tag == "style":
            before.append(("inline style", len((element.text or "").encode())))
        elif (element.get("type") or "text/javascript").lower() in ("text/javascript", "module", "application/javascript"):
            before.append(linked(element.get("src")) if element.get("src") else ("inline script", len((element.text or "").encode())))
    return before, after


JS_CSS = "JS+CSS before a SCO's first paint (uncompressed)"
JS_CSS_AFTER = "JS+CSS added right after the first paint (the pager works once they ran; the quiz comes later)"
FCP = "first contentful paint of a SCO's first page (headless Chromium, local server)"


def first_page_weight(bench: Bench) -> None:
    page = first_page(bench)
    before, after = page_weight(page)
    total = sum(size for _, size in before)
    described = lambda parts: ", ".join(f"{name} {kilobytes(size)}" for name, size in parts)
    bench.add(Row(JS_CSS, f"{kilobytes(total)}: {described(before)}; {page.label}", "≤ 40 KB", total <= 40 * 1024))
    bench.add(Row(JS_CSS_AFTER, f"{kilobytes(sum(size for _, size in after))}: {described(after)}; "
                                f"with those before the paint {kilobytes(total + sum(size for _, size in after))}"))


def first_paint(bench: Bench) -> None:
    page = first_page(bench)
    try:
        with browser.static_server(page.root) as base:
            paints = browser.first_contentful_paints(base + page.launch, bench.options.fcp_runs)
    except browser.BrowserMissing as missing:
        raise NotBuiltYet(str(missing)) from None
    series = Series(paints)
    bench.add(Row(FCP, f"{series.describe('ms')}; {page.label}", "≤ 150 ms", series.median <= 0.150))


LESSON_PAINT = "lesson text's first paint: a SCO's first page ÷ the same lesson as a plain HTML page"
LESSON_PAINT_RUNS = 21


def plain_lesson_page(page: FirstPage) -> str:
    """The SCO's first lesson page as a plain HTML page beside it (the same heading, objectives and lesson text,
    no script, no stylesheet); returns its path from the root."""
    import lxml.html

    document = lxml.html.fromstring((page.root / page.launch).read_bytes())
    lesson = document.xpath("//main/section[contains(concat(' ', @class, ' '), ' step ')]")[0]
    title = document.xpath("//h1")[0]
    plain = lxml.html.fromstring("<html><head><meta charset='utf-8'></head><body></body></html>")
    plain.set("lang", document.get("lang") or "")
    plain.find("head").append(lxml.html.fromstring('<meta name="viewport" content="width=device-width, initial-scale=1">'))
    plain.find("body").extend([title, lesson])
    launch = posixpath.join(posixpath.dirname(page.launch), "plain-lesson.html")
    (page.root / launch).write_bytes(b"<!DOCTYPE html>\n" + lxml.html.tostring(plain, encoding="utf-8"))
    return launch


def lesson_paint(bench: Bench) -> None:
    page = first_page(bench)
    plain = plain_lesson_page(page)
    runs = 3 if bench.options.quick else LESSON_PAINT_RUNS
    try:
        with browser.static_server(page.root) as base:
            sco, bare = browser.interleaved_first_paints([base + page.launch, base + plain], runs)
    except browser.BrowserMissing as missing:
        raise NotBuiltYet(str(missing)) from None
    ratio = statistics.median(sco) / statistics.median(bare)
    bench.add(Row(LESSON_PAINT, f"{ratio:.2f}× (median {statistics.median(sco) * 1000:.0f} ms against "
                                f"{statistics.median(bare) * 1000:.0f} ms; {runs} loads of each, interleaved); {page.label}",
                  "≤ 1.2×", ratio <= 1.2))


SUSPEND = "suspend_data of the largest module's complete state"


def suspend_data(bench: Bench) -> None:
    import suspend_walk

    from course_builder.content import load_course

    options = bench.options
    root = fresh(options.work / "scos")
    try:
        packages = sco_zips(bench)
    except NotBuiltYet:
        raise NotBuiltYet("no SCORM 1.2 packages") from None
    for path, _ in packages:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(root)
    modules = sorted(load_course(options.source).course.modules, key=lambda m: (len(m.questions), len(m.pages)))
    chosen = [m.id for m in (modules[-1:] if options.quick else modules)]
    try:
        with browser.chromium() as chromium:
            lengths = suspend_walk.suspend_data_lengths(chromium, root, chosen)
    except (browser.BrowserMissing, suspend_walk.HarnessMissing) as missing:
        raise NotBuiltYet(str(missing)) from None
    module_id, longest = max(lengths.items(), key=lambda item: item[1])
    scope = "the module with most questions" if options.quick else f"largest of {len(lengths)} modules"
    bench.add(Row(SUSPEND, f"{longest:,} characters ({module_id}, {scope}; every page, reflection and question "
                           f"done, under scorm-again)", "≤ 1,000 characters", longest <= 1000))


REPORT = "course-builder report on {rows} rows of tab-separated Moodle export"
REPORT_LEARNERS = 2_000


def report(bench: Bench) -> None:
    """The report branch's generator writes a SCORM Interactions download of the course's largest quiz."""
    if "report" not in cli_commands():
        raise NotBuiltYet("no report command")
    try:
        from make_report_export import write_interactions_export
    except ImportError:
        raise NotBuiltYet("bench/make_report_export.py") from None
    from course_builder.content import load_course

    options = bench.options
    course = load_course(options.source).course
    module = max(course.modules, key=lambda m: len(m.questions))
    export = write_interactions_export(options.work / "interactions.txt", course, module.id, options.report_rows,
                                       REPORT_LEARNERS)
    out = options.work / "report-out"
    run = run_checked(course_builder_command() + ["report", str(export), "--source", str(options.source),
                                                  "--out", str(fresh(out))])
    bench.add(Row(REPORT.format(rows=f"{options.report_rows:,}"),
                  f"{run.seconds:.2f} s (CPU {run.cpu_seconds:.2f} s), peak {megabytes(run.peak_rss_bytes)}; "
                  f"{REPORT_LEARNERS:,} learners × {len(module.questions)} questions of {module.id}, "
                  f"{megabytes(export.stat().st_size)} file", "≤ 5 s", run.seconds <= 5))


STARTUP = "start-up: build --format scorm12 of a three-module course (fresh process; a rebuild: its Markdown stored)"
STARTUP_IMPORTS = "start-up: of which imports ÷ floor"
STARTUP_AFTER = "start-up: after the imports ÷ floor"
STARTUP_WHOLE = "start-up: whole ÷ floor"
STARTUP_FIRST = "start-up: the course's first build (no Markdown stored yet), in the same rounds"


def startup(bench: Bench) -> None:
    """A single-format build's time in imports and after them, each against the zipfile floor (bench/startup.py)."""
    import startup as measured

    options = bench.options
    found = measured.measure(options.work, course_builder_command(), options.startup_runs)
    floor_ms, same = ms(found["floor"]), "byte-identical" if found["identical"] else "NOT byte-identical"
    cpu = found["cpu"]
    bench.add(Row(STARTUP, f"median {ms(found['whole'])}: imports {ms(found['imports'])} ({found['modules']} modules), "
                           f"after them {ms(found['after'])}; floor {floor_ms} ({same}); {found['runs']} interleaved runs; "
                           f"CPU medians: whole {ms(cpu['whole'])}, imports {ms(cpu['imports'])}, floor {ms(cpu['floor'])}"))
    bench.add(Row(STARTUP_IMPORTS, f"{found['imports'] / found['floor']:.1f}×"))
    bench.add(Row(STARTUP_AFTER, f"{found['after'] / found['floor']:.1f}×", "≤ 2×", found["after"] <= 2 * found["floor"]))
    bench.add(Row(STARTUP_WHOLE, f"{found['whole'] / found['floor']:.1f}×", "≤ 4×", found["whole"] <= 4 * found["floor"]))
    bench.add(Row(STARTUP_FIRST, f"median {ms(found['first'])}, {found['first'] / found['floor']:.1f}× the floor"))


PREVIEW = "course-builder preview: saving a one-page edit → the rebuilt page served"


def preview(bench: Bench) -> None:
    if "preview" not in cli_commands():
        raise NotBuiltYet("no preview command")
    import preview_timing

    options = bench.options
    series = Series(preview_timing.edit_to_served(options.source, options.work / "preview", options.preview_edits,
                                                  course_builder_command()))
    bench.add(Row(PREVIEW, f"{series.describe('ms')}; polling the page over HTTP", "≤ 300 ms", series.median <= 0.300))


MEASUREMENTS = [
    ([(FULL_BUILD, "≤ 1 s")], full_build),
    ([(FLOOR, ""), (RATIO, "≤ 3×")], floor_ratio),
    ([(STARTUP, ""), (STARTUP_IMPORTS, ""), (STARTUP_AFTER, "≤ 2×"), (STARTUP_WHOLE, "≤ 4×")], startup),
    ([("scale", "≤ 30 s, ≤ 1 GB, linear")], scale),
    ([("SCORM 1.2 zip per module (no media)", "≤ 100 KB")], package_sizes),
    ([("dist/ by format (all files)", "")], format_sizes),
    ([(JS_CSS, "≤ 40 KB"), (JS_CSS_AFTER, "")], first_page_weight),
    ([(FCP, "≤ 150 ms")], first_paint),
    ([(LESSON_PAINT, "≤ 1.2×")], lesson_paint),
    ([(SUSPEND, "≤ 1,000 characters")], suspend_data),
    ([(REPORT.format(rows="200,000"), "≤ 5 s")], report),
    ([(PREVIEW, "≤ 300 ms")], preview),
]


# --- the table ----------------------------------------------------------------------------------

def machine() -> list[str]:
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = ""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return [
        f"- machine: {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable){', ' + model if model else ''}, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- commit {commit or 'unknown'}, run {datetime.date.today().isoformat()}; "
        f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine slows wall times)",
    ]


def table(bench: Bench) -> str:
    lines = machine()
    lines.append(f"- formats built: {', '.join(bench.formats) or 'none'}; mode: {'quick' if bench.options.quick else 'full'}")
    lines += ["", "| measurement | result | target | |", "|---|---|---|---|"]
    for row in bench.rows:
        lines.append(f"| {row.measurement} | {row.result} | {row.target} | {row.status} |")
    return "\n".join(lines) + "\n"


def write_benchmarks(path: Path, text: str) -> None:
    """Replaces the generated part of BENCHMARKS.md; the hand-written rest (profiles, history) stays."""
    block = f"{BEGIN}\n{text}{END}"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if BEGIN in old and END in old:
            head, rest = old.split(BEGIN, 1)
            path.write_text(head + block + rest.split(END, 1)[1], encoding="utf-8")
            return
    path.write_text(f"# Benchmarks\n\n`make bench` writes the table below (`bench/run.py`).\n\n{block}\n", encoding="utf-8")


def options_from(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller inputs; writes nothing")
    parser.add_argument("--source", type=Path, default=ROOT, help="the course to build (default: this checkout's)")
    parser.add_argument("--only", nargs="+", default=None, metavar="NAME", choices=[f.__name__ for _, f in MEASUREMENTS],
                        help="run only these measurements (writes nothing); floor_ratio needs full_build")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="course-builder-bench-"))
    if args.quick:
        options = Options(True, args.source.resolve(), work, build_runs=2, fcp_runs=2, scale_sizes=[5, 20], report_rows=5_000,
                          preview_edits=2, startup_runs=3)
    else:
        options = Options(False, args.source.resolve(), work, build_runs=5, fcp_runs=5, scale_sizes=[10, 100, 1000],
                          report_rows=200_000, preview_edits=7)
    options.only = args.only
    return options


def main(argv: list[str] | None = None) -> int:
    options = options_from(argv)
    bench = Bench(options)
    try:
        for titles, function in MEASUREMENTS:
            if options.only and function.__name__ not in options.only:
                continue
            print(f"bench: {function.__name__.replace('_', ' ')} ...", file=sys.stderr, flush=True)
            bench.measure(titles, function)
    finally:
        shutil.rmtree(options.work, ignore_errors=True)
    text = table(bench)
    print(text)
    if not options.quick and not options.only:
        write_benchmarks(ROOT / "BENCHMARKS.md", text)
        print("wrote BENCHMARKS.md")
    if bench.failures:
        print(f"bench: {bench.failures} measurement(s) failed (see above)", file=sys.stderr)
    return 1 if bench.failures else 0


if __name__ == "__main__":
    sys.exit(main())
