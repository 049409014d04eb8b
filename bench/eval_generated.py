"""Evaluate the proposal analysis on a synthetic call from bench/generate.py (a second, independent source).

    python -m bench.eval_generated --n 60 --seed 1     # the seed to tune on
    python -m bench.eval_generated --n 60 --seed 99    # a seed only to measure with, at the end
    python -m bench.eval_generated --n 60 --seed 1 --quiet   # scores only

A call of `n` on-time applications is generated into a temporary inbox (no special cases, no scans); each
application's attachments are read with tasks.extract (a proposal in the mail body is read from the body),
analysed with tasks.analyse, and compared with the generator's ground truth (`GeneratedMail.expected`).
Prints precision / recall / F1 per field, micro-averaged, then every false positive with the analyser's
evidence quote and every miss with the generator's evidence sentence. `make eval` also prints a small run
(`summary()`). The generator writes its texts from its own phrase bank: tune on one seed, measure on another,
and prefer general rules over its phrases.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.eval import Score, score_rows
from bench.generate import generate_call
from callflow.config import load_call_config
from tasks.analyse import Analysis, DocumentText, analyse, build_lexicon

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("service_types", "challenges", "municipalities", "missing_sections")
LAUNCH = datetime(2023, 4, 21, 9, 0)
DEADLINE = datetime(2023, 6, 1, 23, 59, 59)


@dataclass
class Result:
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELDS})
    lines: list[str] = field(default_factory=list)
    applications: int = 0
    pages: int = 0
    seconds: float = 0.0


def documents_of(raw: bytes) -> list[DocumentText]:
    """The attachments of one .eml read with tasks.extract; the body when the mail has no attachment."""
    from tasks.extract import extract_bytes

    message = email.message_from_bytes(raw, policy=email.policy.default)
    documents: list[DocumentText] = []
    for part in message.iter_attachments():
        filename = part.get_filename() or "bijlage"
        if part.get_content_maintype() == "image" and not filename.lower().endswith(".pdf"):
            continue  # an inline logo
        data = part.get_payload(decode=True) or b""
        extraction = extract_bytes(data, filename)
        documents.append(DocumentText(filename, list(extraction.pages), bool(extraction.readable)))
    if not documents:
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        documents.append(DocumentText("e-mail", [text]))
    return documents


def _truth(expected: dict[str, Any], name: str) -> set[str]:
    return {str(item) for item in expected.get(name) or []}


def _quote(analysis: Analysis, name: str, item: str) -> str:
    finding = next((f for f in getattr(analysis, name) if f.id == item), None)
    if finding is None or not finding.evidence:
        return ""
    evidence = finding.evidence[0]
    return f'{evidence.document} p.{evidence.page}: "{evidence.quote}"'


def _why(expected: dict[str, Any], name: str, item: str) -> str:
    if name == "service_types":
        for kind in ("negated_service_types", "context_service_types"):
            if item in expected.get(kind, []):
                sentence = expected.get("evidence", {}).get(kind, {}).get(item, "")
                return f"generator: {kind.removesuffix('_service_types')}" + (f' "{sentence}"' if sentence else "")
    return ""


def evaluate(n: int, seed: int) -> Result:
    call = load_call_config(ROOT / "config" / "call.yaml", environ={})
    lexicon = build_lexicon(call)
    result = Result()
    with tempfile.TemporaryDirectory(prefix="callflow-eval-") as tmp:
        inbox = Path(tmp) / "inbox"
        manifest = generate_call(inbox, n, seed=seed, launch=LAUNCH, deadline=DEADLINE, scans=0, extras=False)
        for mail in manifest.mails:
            if mail.kind != "application":
                continue
            expected = mail.expected
            documents = documents_of((inbox / mail.file).read_bytes())
            started = time.process_time()
            analysis = analyse(documents, call, lexicon)
            result.seconds += time.process_time() - started
            result.applications += 1
            result.pages += sum(len(d.pages) for d in documents)
            for name in FIELDS:
                gold, predicted = _truth(expected, name), set(analysis.ids(name))
                score = result.scores[name]
                score.tp += len(gold & predicted)
                score.fp += len(predicted - gold)
                score.fn += len(gold - predicted)
                for item in sorted(predicted - gold):
                    why = _why(expected, name, item)
                    result.lines.append(f"{mail.file}  {name}  FP {item}" + (f"  ({why})" if why else ""))
                    if name != "missing_sections":
                        result.lines.append(f"    {_quote(analysis, name, item)}")
                for item in sorted(gold - predicted):
                    result.lines.append(f"{mail.file}  {name}  FN {item}")
                    sentence = expected.get("evidence", {}).get(name, {}).get(item, "")
                    if sentence:
                        result.lines.append(f'    generator: "{sentence}"')
    return result


def score_lines(result: Result, title: str) -> list[str]:
    per = 1000 * result.seconds / result.applications if result.applications else 0.0
    heading = f"== {title}: {result.applications} applications, {result.pages} pages, analysis {per:.1f} ms CPU each"
    return [heading, *score_rows(result.scores, FIELDS)]


def summary(n: int = 20, seed: int = 1) -> str:
    """A small run's scores, for `make eval`."""
    return "\n".join(score_lines(evaluate(n, seed), f"generated call (seed {seed}, n {n})"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_generated", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=60, help="number of applications to generate")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--quiet", action="store_true", help="scores only, no misses")
    args = parser.parse_args(argv)
    result = evaluate(args.n, args.seed)
    lines = score_lines(result, f"generated call (seed {args.seed}, n {args.n})")
    if not args.quiet:
        lines += [f"-- misses ({sum(1 for line in result.lines if not line.startswith(' '))})", *result.lines]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
