"""Headless Chromium (Debian's, driven by Playwright) and a local static server on 127.0.0.1."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

FIRST_CONTENTFUL_PAINT = """() => new Promise(resolve => {
  const found = performance.getEntriesByName('first-contentful-paint')[0];
  if (found) { resolve(found.startTime); return; }
  new PerformanceObserver(list => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) resolve(entry.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 10000);
})"""


class BrowserMissing(RuntimeError):
    pass


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def static_server(root: Path):
    """Serves root at http://127.0.0.1:<free port>/ from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser; BrowserMissing when Playwright or the browser is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing("Playwright is not installed (make test-deps)") from None
    if not Path(CHROMIUM).exists():
        raise BrowserMissing(f"{CHROMIUM} is missing (make test-deps)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def first_contentful_paints(url: str, runs: int) -> list[float]:
    """FCP in seconds of `runs` cold loads (each in a fresh browser context, so an empty cache),
    after one discarded warm-up load that starts the browser's renderer machinery."""
    return interleaved_first_paints([url], runs)[0]


def interleaved_first_paints(urls: list[str], runs: int) -> list[list[float]]:
    """FCP in seconds of `runs` cold loads of each URL, taken in turn (a, b, a, b, …) so that whatever else the
    machine does weighs on each alike; one discarded warm-up load of each first."""
    paints: list[list[float]] = [[] for _ in urls]
    with chromium() as browser:
        for attempt in range(runs + 1):
            for index, url in enumerate(urls):
                paint = _cold_paint(browser, url)
                if attempt:
                    paints[index].append(paint)
    return paints


def _cold_paint(browser, url: str) -> float:
    """FCP in seconds of one load in a fresh context (an empty cache)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    paint = page.evaluate(FIRST_CONTENTFUL_PAINT)
    context.close()
    if paint is None:
        raise RuntimeError(f"no first-contentful-paint entry for {url}")
    return paint / 1000
