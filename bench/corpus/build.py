"""Build the parser evaluation corpus from local copies of the listed sources.

usage: python bench/corpus/build.py --mirror DIR [--out ~/.cache/newsroom-corpus] [--only ID] [--skip-missing]
                                   [--style STYLE | --every-style] [--split dev|heldout]

DIR holds git copies of the source repositories (bare or not), found as DIR/owner+name/repo,
DIR/owner+name, DIR/owner/name or DIR/owner/name.git. Each source file is read at the commit
listed in sources.json. Pages (NAME.txt) and their gold (NAME.gold.json, GOLD_SCHEMA form) go
to OUT/pages, and OUT/manifest.json names each page's paper, level and split. Deterministic:
the same sources give the same files. `--every-style` builds the pages once in each forced style, into
OUT/STYLE (the confidence model learns from the dev pages in every layout: bench/train_confidence.py).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.corpus.compose import FORCED_STYLES, compose_page, usable  # noqa: E402
from bench.corpus.readers import READERS  # noqa: E402

SOURCES = Path(__file__).with_name("sources.json")
DEFAULT_OUT = Path.home() / ".cache" / "newsroom-corpus"
DEFAULT_STYLES_OUT = Path.home() / ".cache" / "newsroom-corpus-styles"  # --every-style: one folder a style


class MissingCopy(SystemExit):
    """A source's repository has no local copy under the mirror folder."""


def find_git_dir(mirror: Path, repo: str) -> Path:
    owner, name = repo.split("/", 1)
    for candidate in (mirror / f"{owner}+{name}" / "repo", mirror / f"{owner}+{name}",
                      mirror / owner / name, mirror / owner / f"{name}.git"):
        if (candidate / "HEAD").exists() or (candidate / ".git").exists():
            return candidate
    raise MissingCopy(f"no local copy of {repo} under {mirror}")


def read_blob(git_dir: Path, commit: str, path: str) -> bytes:
    result = subprocess.run(["git", "--git-dir" if (git_dir / "HEAD").exists() else "-C", str(git_dir),
                             "show", f"{commit}:{path}"], capture_output=True)
    if result.returncode != 0:
        raise SystemExit(f"cannot read {path} at {commit[:10]}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def select_pages(pages: list, count: int, seed: str) -> list:
    """A seeded sample of the pages that print at least one usable story, in page order."""
    kept = [(key, [r for r in records if usable(r)]) for key, records in pages]
    kept = [(key, records) for key, records in kept if records]
    if len(kept) > count:
        chosen = set(random.Random(seed).sample(range(len(kept)), count))
        kept = [p for i, p in enumerate(kept) if i in chosen]
    return kept


def build(mirror: Path, out: Path, only: str | None = None, skip_missing: bool = False,
          style: str | None = None, split: str | None = None) -> list[dict]:
    config = json.loads(SOURCES.read_text(encoding="utf-8"))
    pages_dir = out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    for source in config["sources"]:
        if (only and source["id"] != only) or (split and source["split"] != split):
            continue
        try:
            git_dir = find_git_dir(mirror, source["repo"])
        except MissingCopy as missing:
            if not skip_missing:
                raise
            print(f"{source['id']}: SKIPPED, {missing} (its paper is not in this build)")
            continue
        data = read_blob(git_dir, source["commit"], source["path"])
        pages = list(READERS[source["format"]](data))
        for key, records in select_pages(pages, source["pages"], source["id"]):
            name = f"{source['id']}_{key}"
            page = compose_page(name, source["paper"], records, seed=name, style=style)
            (pages_dir / f"{name}.txt").write_text(page.text, encoding="utf-8")
            (pages_dir / f"{name}.gold.json").write_text(
                json.dumps(page.gold, ensure_ascii=False, indent=2), encoding="utf-8")
            manifest.append({"page": name, "source": source["id"], "paper": source["paper"],
                             "level": source["level"], "split": source["split"],
                             "style": page.style, "articles": len(page.gold["articles"])})
        print(f"{source['id']}: {sum(1 for m in manifest if m['source'] == source['id'])} pages")
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder of git copies of the sources")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="cache folder outside the repository")
    parser.add_argument("--only", help="build one source id only")
    parser.add_argument("--skip-missing", action="store_true",
                        help="leave out, with a warning, the sources whose repository has no local copy")
    parser.add_argument("--style", choices=FORCED_STYLES,
                        help="compose every page so (the same stories and staff lines as without it): to compare how "
                             "the parser reads the same pages with and without marks")
    parser.add_argument("--every-style", action="store_true",
                        help="build the pages in each forced style, into OUT/STYLE (default OUT: "
                             f"{DEFAULT_STYLES_OUT})")
    parser.add_argument("--split", choices=("dev", "heldout"), help="build one split only")
    args = parser.parse_args(argv)
    if args.every_style and args.style:
        parser.error("--every-style builds every style: leave out --style")
    if args.every_style:
        out = (DEFAULT_STYLES_OUT if args.out == DEFAULT_OUT else args.out).expanduser()
        builds = [(out / style, style) for style in FORCED_STYLES]
    else:
        builds = [(args.out.expanduser(), args.style)]
    for out, style in builds:
        manifest = build(args.mirror, out, args.only, args.skip_missing, style, args.split)
        print(f"{len(manifest)} pages, {len({m['paper'] for m in manifest})} papers -> {out}")


if __name__ == "__main__":
    main()
