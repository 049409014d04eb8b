"""Evaluate the proposal analysis against the labelled set in bench/evalset/.

    python -m bench.eval                 # dev and heldout scores, dev misses in detail
    python -m bench.eval --show-heldout  # also the heldout misses (do not use while tuning the lexicon)
    python -m bench.eval --dev-only      # while tuning: the dev split alone, no heldout figure at all
    python -m bench.eval --text          # skip rendering to PDF/DOCX, analyse the text pages directly
    python -m bench.eval --no-generated  # skip the small generated-call run (bench/eval_generated.py)

Each proposal is rendered in its labelled format (pdf, docx, or a mail body) with the test factories and
read back with tasks.extract, so the analysis sees what it sees in production: wrapped lines, page
breaks, tables as " | " lines. When the extraction module or the factories are not importable, the text
pages are analysed directly and the report says so.

Scores are precision, recall and F1 per field, micro-averaged over the proposals of a split. The report is
printed and written to bench/out/eval.txt. Exit code 0 (also when scores are low: this is a measurement).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from callflow.config import load_call_config
from tasks.analyse import Analysis, DocumentText, Lexicon, analyse, build_lexicon

ROOT = Path(__file__).resolve().parents[1]
EVALSET = ROOT / "bench" / "evalset"
REPORT = ROOT / "bench" / "out" / "eval.txt"
FIELDS = ("service_types", "challenges", "personas", "municipalities", "missing_sections", "exclusions")
TARGET_FIELDS = ("service_types", "challenges", "municipalities", "missing_sections")
TARGET_F1 = 0.92
PDF_LINE_WIDTH = 95  # characters per line when drawing a page, like a word processor's A4 line


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Miss:
    proposal: str
    field: str
    kind: str  # FP | FN
    item: str
    detail: str


@dataclass
class SplitResult:
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELDS})
    misses: list[Miss] = field(default_factory=list)
    proposals: int = 0
    pages: int = 0
    seconds: float = 0.0


# --- rendering ---------------------------------------------------------------------------------------------

Renderer = Callable[[str, list[str]], list[DocumentText]]


def _wrap_page(page: str) -> str:
    lines: list[str] = []
    for line in page.split("\n"):
        lines.extend(textwrap.wrap(line, PDF_LINE_WIDTH, break_long_words=False) or [""])
    return "\n".join(lines)


def _renderers() -> tuple[dict[str, Renderer] | None, str]:
    """Format renderers that go through the real extraction, or None with the reason they are unavailable."""
    try:
        from tasks.extract import extract_bytes
        from tests.factories.documents import make_docx, make_pdf
    except Exception as error:  # noqa: BLE001 - any import problem means: fall back to text
        return None, f"{type(error).__name__}: {error}"

    def read(data: bytes, filename: str) -> list[DocumentText]:
        extraction = extract_bytes(data, filename)
        return [DocumentText(filename, list(extraction.pages), bool(extraction.readable))]

    def pdf(name: str, pages: list[str]) -> list[DocumentText]:
        return read(make_pdf([_wrap_page(page) for page in pages]), f"{name}.pdf")

    def docx(name: str, pages: list[str]) -> list[DocumentText]:
        paragraphs: list[str] = []
        breaks: set[int] = set()
        for number, page in enumerate(pages):
            if number:
                breaks.add(len(paragraphs))
            paragraphs.extend(page.split("\n") or [""])
        return read(make_docx(paragraphs, page_break_before=breaks), f"{name}.docx")

    def body(name: str, pages: list[str]) -> list[DocumentText]:
        return [DocumentText("e-mail", ["\n\n".join(pages)])]

    return {"pdf": pdf, "docx": docx, "body": body}, ""


def _as_text(name: str, pages: list[str]) -> list[DocumentText]:
    return [DocumentText(f"{name}.txt", pages)]


# --- comparing ---------------------------------------------------------------------------------------------


def _gold(label: dict[str, Any], name: str) -> set[str]:
    value = label.get(name) or []
    return {str(item) for item in value}


def _predicted(analysis: Analysis, name: str) -> set[str]:
    return set(analysis.ids(name))


def _fp_detail(analysis: Analysis, name: str, item: str) -> str:
    if name == "missing_sections":
        looked = next((m.looked_for for m in analysis.missing_sections if m.id == item), "")
        return f"not found; looked for: {looked}"
    finding = next((f for f in getattr(analysis, name) if f.id == item), None)
    if finding is None or not finding.evidence:
        return ""
    evidence = finding.evidence[0]
    return f'{evidence.document} p.{evidence.page}: "{evidence.quote}"'


def _fn_detail(analysis: Analysis, lexicon: Lexicon, name: str, item: str) -> str:
    if name == "missing_sections":
        finding = next((f for f in analysis.sections if f.id == item), None)
        if finding and finding.evidence:
            evidence = finding.evidence[0]
            return f'section counted as present from {evidence.document} p.{evidence.page}: "{evidence.quote}"'
        return "section counted as present"
    group = name
    try:
        return "looked for: " + lexicon.looked_for(group, item)
    except (KeyError, AttributeError):
        return "looked for: (no lexicon entry)"


def evaluate(
    labels: dict[str, dict[str, Any]],
    render: Callable[[str, str, list[str]], list[DocumentText]],
    lexicon: Lexicon,
    call_config: Any,
) -> dict[str, SplitResult]:
    results: dict[str, SplitResult] = {}
    for proposal_id in sorted(labels):
        label = labels[proposal_id]
        split = str(label.get("split", "dev"))
        result = results.setdefault(split, SplitResult())
        path = EVALSET / "proposals" / f"{proposal_id}.txt"
        if not path.is_file():
            continue
        pages = path.read_text(encoding="utf-8").split("\f")
        documents = render(proposal_id, str(label.get("format", "pdf")), pages)
        started = time.process_time()  # CPU time: wall time on a shared machine measures the neighbours
        analysis = analyse(documents, call_config, lexicon)
        result.seconds += time.process_time() - started
        result.proposals += 1
        result.pages += sum(len(document.pages) for document in documents)
        for name in FIELDS:
            gold, predicted = _gold(label, name), _predicted(analysis, name)
            score = result.scores[name]
            score.tp += len(gold & predicted)
            score.fp += len(predicted - gold)
            score.fn += len(gold - predicted)
            for item in sorted(predicted - gold):
                result.misses.append(Miss(proposal_id, name, "FP", item, _fp_detail(analysis, name, item)))
            for item in sorted(gold - predicted):
                result.misses.append(Miss(proposal_id, name, "FN", item, _fn_detail(analysis, lexicon, name, item)))
    return results


# --- reporting ---------------------------------------------------------------------------------------------


def score_rows(scores: dict[str, Score], fields: Sequence[str]) -> list[str]:
    """The table of precision, recall and F1 per field; a field under its target is flagged."""
    lines = [f"{'field':<18} {'precision':>9} {'recall':>7} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name in fields:
        score = scores[name]
        flag = "  < target" if name in TARGET_FIELDS and score.f1 < TARGET_F1 else ""
        lines.append(
            f"{name:<18} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}   "
            f"{score.tp:>4} {score.fp:>4} {score.fn:>4}{flag}"
        )
    return lines


def _score_table(split: str, result: SplitResult) -> list[str]:
    per_proposal = 1000 * result.seconds / result.proposals if result.proposals else 0.0
    title = f"== {split}: {result.proposals} proposals, {result.pages} pages, analysis {per_proposal:.1f} ms CPU per proposal"
    return [title, *score_rows(result.scores, FIELDS)]


def _miss_lines(result: SplitResult) -> list[str]:
    lines = [f"-- misses ({len(result.misses)})"]
    for miss in sorted(result.misses, key=lambda m: (m.proposal, m.field, m.kind, m.item)):
        lines.append(f"{miss.proposal}  {miss.field}  {miss.kind} {miss.item}")
        if miss.detail:
            lines.append(f"    {miss.detail}")
    return lines


def report(results: dict[str, SplitResult], show_heldout: bool, notice: str) -> str:
    lines = [f"callflow analysis evaluation ({EVALSET.relative_to(ROOT)})", notice, ""]
    for split in sorted(results, key=lambda name: (name != "dev", name)):
        result = results[split]
        lines.extend(_score_table(split, result))
        if not split.startswith("heldout") or show_heldout:  # heldout, heldout-2, ...: scores only
            lines.extend(_miss_lines(result))
        else:
            lines.append(f"-- misses not shown for {split} (run with --show-heldout to see them)")
        lines.append("")
    return "\n".join(lines)


def _normalise_labels(raw: Any) -> dict[str, dict[str, Any]]:
    """labels.yaml as {id: label}; also accepts a list of labels with an 'id' or a 'proposals:' wrapper."""
    if isinstance(raw, dict) and isinstance(raw.get("proposals"), list | dict):
        raw = raw["proposals"]
    if isinstance(raw, list):
        return {str(item["id"]): item for item in raw if isinstance(item, dict) and "id" in item}
    return {str(key): value for key, value in raw.items() if isinstance(value, dict)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__.split("\n")[0])
    parser.add_argument("--show-heldout", action="store_true", help="also print the heldout misses")
    parser.add_argument("--text", action="store_true", help="analyse the text pages directly, without rendering")
    parser.add_argument("--no-generated", action="store_true", help="skip the small generated-call run")
    parser.add_argument("--dev-only", action="store_true",
                        help="score the dev split only: while tuning, not even the heldout totals are shown")
    args = parser.parse_args(argv)

    labels_path = EVALSET / "labels.yaml"
    if not labels_path.is_file():
        print(f"no labelled set: {labels_path} does not exist yet", file=sys.stderr)
        return 0
    labels = _normalise_labels(yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {})
    if args.dev_only:
        labels = {key: label for key, label in labels.items() if label.get("split") == "dev"}
    call_config = load_call_config(ROOT / "config" / "call.yaml", environ={})
    lexicon = build_lexicon(call_config)

    renderers, reason = (None, "rendering disabled with --text") if args.text else _renderers()
    if renderers is None:
        notice = f"NOTE: proposals analysed as plain text pages, not rendered to PDF/DOCX ({reason})."

        def render(name: str, fmt: str, pages: list[str]) -> list[DocumentText]:
            return _as_text(name, pages)
    else:
        notice = "Proposals rendered in their labelled format (pdf/docx/body) and read with tasks.extract."

        def render(name: str, fmt: str, pages: list[str]) -> list[DocumentText]:
            renderer = renderers.get(fmt, renderers["pdf"])
            return renderer(name, pages)

    results = evaluate(labels, render, lexicon, call_config)
    text = report(results, args.show_heldout, notice)
    if not args.no_generated and renderers is not None:
        from bench.eval_generated import summary

        text += "\n" + summary() + "\n(full report with misses: python -m bench.eval_generated --n 60 --seed 1)\n"
    print(text)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
