"""Render generated proposals into the files applicants attach: PDF, DOCX, XLSX, scans, photos, ZIP.

Every function is a pure function of its arguments and returns bytes, so the same seed gives the
same bytes in any process. The sources of hidden randomness are pinned on purpose:
reportlab runs with `invariant=1` (fixed creation date and document ID) and its encryption salt
is seeded; Office files (python-docx, openpyxl) stamp "now" into docProps/core.xml and into every
ZIP entry, so `normalise_ooxml` rewrites both; ZIP archives get fixed entry dates.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bench.generate_text import Block, Proposal, dutch_date

MIN_PAGES, MAX_PAGES = 3, 15
CALL_LINE = "Kandidatuur Capacity Building Lokale Partnerschappen – werkingsregio Haspengouw"


# --- PDF with reportlab ------------------------------------------------------------------------


@cache
def _fonts(font: str) -> tuple[str, str, str]:
    """(regular, bold, italic) reportlab font names; the TTF is registered once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if font == "Vera":
        base = Path(__import__("reportlab").__file__).parent / "fonts"
        for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"), ("Vera-Italic", "VeraIt.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(base / file)))
        return "Vera", "Vera-Bold", "Vera-Italic"
    if font == "Times-Roman":
        return "Times-Roman", "Times-Bold", "Times-Italic"
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


@cache
def _styles(font: str) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold, italic = _fonts(font)
    return {
        "body": ParagraphStyle("body", fontName=regular, fontSize=11, leading=14.5, spaceAfter=7),
        "bullet": ParagraphStyle("bullet", fontName=regular, fontSize=11, leading=14.5, leftIndent=16,
                                 bulletIndent=4, spaceAfter=3),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=14, leading=18, spaceBefore=12, spaceAfter=6,
                             textColor=colors.HexColor("#1f4e79"), keepWithNext=1),
        "title": ParagraphStyle("title", fontName=bold, fontSize=22, leading=28, spaceAfter=18),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=13, leading=18, spaceAfter=10),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=12),
        "cellhead": ParagraphStyle("cellhead", fontName=bold, fontSize=9.5, leading=12),
        "small": ParagraphStyle("small", fontName=italic, fontSize=9, leading=11),
    }


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _width(word: str, font: str, size: float) -> float:
    key = (word, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w = _WIDTHS[key] = stringWidth(word, font, size)
    return w


def _body_flowable_class() -> type:
    from reportlab.platypus.flowables import Flowable

    class FastParagraph(Flowable):
        """A plain left-aligned paragraph with cached word widths.

        reportlab's Paragraph parses markup and measures every word with pure-Python font
        metrics (the C accelerator is an optional extra), which made body text 80% of the
        generator's run time. Proposal body text has no markup, so a greedy line breaker over
        cached widths lays it out the same way at a fraction of the cost.
        """

        def __init__(self, text: str, style: object, bullet: str | None = None,
                     lines: list[str] | None = None) -> None:
            super().__init__()
            self.text = text
            self.style = style
            self.bullet = bullet
            self._lines = lines
            self._for_width = -1.0

        def _break(self, width: float) -> list[str]:
            if self._lines is not None and (self._for_width < 0 or self._for_width == width):
                return self._lines
            st = self.style
            space = _width(" ", st.fontName, st.fontSize)
            lines: list[str] = []
            line: list[str] = []
            used = 0.0
            for word in self.text.split():
                w = _width(word, st.fontName, st.fontSize)
                if line and used + space + w > width:
                    lines.append(" ".join(line))
                    line, used = [word], w
                else:
                    used += (space if line else 0) + w
                    line.append(word)
            if line:
                lines.append(" ".join(line))
            self._lines, self._for_width = lines, width
            return lines

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            lines = self._break(avail_width - self.style.leftIndent)
            self.width, self.height = avail_width, len(lines) * self.style.leading
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list:
            lines = self._break(avail_width - self.style.leftIndent)
            fit = int(avail_height // self.style.leading)
            # Widow/orphan control as in word processors: never leave a single line behind.
            if fit < 2 or len(lines) - fit < 2:
                fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
            first = FastParagraph(" ".join(lines[:fit]), self.style, self.bullet, lines[:fit])
            rest = FastParagraph(" ".join(lines[fit:]), self.style, None, lines[fit:])
            first.spaceAfter = 0
            return [first, rest]

        def draw(self) -> None:
            st = self.style
            c = self.canv
            baseline = self.height - st.fontSize
            if self.bullet:
                c.setFont(st.fontName, st.fontSize)
                c.drawString(st.bulletIndent, baseline, self.bullet)
            t = c.beginText(st.leftIndent, baseline)
            t.setFont(st.fontName, st.fontSize, st.leading)
            for line in self._lines or ():
                t.textLine(line)
            c.drawText(t)

    return FastParagraph


_FAST: list[type] = []


def _fast_paragraph(text: str, style: object, bullet: str | None = None) -> object:
    if not _FAST:
        _FAST.append(_body_flowable_class())
    return _FAST[0](text, style, bullet)


def _table(rows: tuple[tuple[str, ...], ...], styles: dict, width: float) -> object:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    n = len(rows[0])
    # The widest column is the descriptive one; amounts and periods stay narrow.
    weights = {2: (0.35, 0.65), 3: (0.3, 0.45, 0.25)}.get(n, tuple(1 / n for _ in range(n)))
    data = [[Paragraph(escape(c), styles["cellhead" if i == 0 else "cell"]) for c in row]
            for i, row in enumerate(rows)]
    t = Table(data, colWidths=[width * w for w in weights], repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7f7f7f")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9e2f3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if rows[-1][0] == "Totaal":
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")))
    t.setStyle(TableStyle(commands))
    return t


def _story(p: Proposal, blocks: tuple[Block, ...], breaks_before: frozenset[int], cover: bool) -> list:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    styles = _styles(p.font)
    width = A4[0] - 2 * 56
    story: list = []
    org = p.organisation
    if cover:
        if p.logo:
            from reportlab.platypus import Image as LogoImage

            logo = render_logo_png(org.short, logo_colour(org.name))
            story += [LogoImage(io.BytesIO(logo), width=135, height=45, hAlign="LEFT")]
        story += [Spacer(1, 150), Paragraph(escape(p.title), styles["title"]),
                  Paragraph(escape(CALL_LINE), styles["sub"]), Spacer(1, 40),
                  Paragraph(f"Ingediend door: <b>{escape(org.name)}</b>", styles["sub"]),
                  Paragraph(escape(f"Contactpersoon: {org.contact.name}, {org.contact.role}"), styles["sub"]),
                  Paragraph(escape(f"{org.place}, {dutch_date(p.written)}"), styles["sub"]), PageBreak()]
    else:
        story += [Paragraph(escape(p.title), styles["title"]),
                  Paragraph(escape(f"{CALL_LINE} — {org.name}"), styles["sub"])]
    n = 0
    for i, b in enumerate(blocks):
        if i in breaks_before:
            story.append(PageBreak())
        if b.kind == "heading":
            n += 1
            story.append(Paragraph(escape(f"{n}. {b.text}" if p.numbered else b.text), styles["h1"]))
        elif b.kind == "para":
            story.append(_fast_paragraph(b.text, styles["body"]))
        elif b.kind == "bullets":
            story += [_fast_paragraph(item, styles["bullet"], "•") for item in b.items]
        elif b.kind == "table":
            story += [_table(b.rows, styles, width), Spacer(1, 10)]
    return story


def _footer(p: Proposal) -> Callable:
    footer = f"{p.organisation.name} — {p.acronym}"

    def draw(canvas: object, doc: object) -> None:
        regular = _fonts(p.font)[0]
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(56, 30, footer)
        canvas.drawRightString(595.27 - 56, 30, f"p. {doc.page}")
        canvas.restoreState()

    return draw


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write compressed streams as binary, as word processors do; reportlab's default ASCII85
    wrapping makes files 25% larger and, in pure Python, costs more than the layout."""
    from reportlab import rl_config

    original = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = original


@contextmanager
def _seeded_pdf_encryption(seed: str) -> Iterator[None]:
    """reportlab draws encryption salts from a module-level source; pin it for reproducible bytes."""
    from reportlab.lib import pdfencrypt

    original = pdfencrypt.os_urandom
    stream = random.Random(seed)
    pdfencrypt.os_urandom = lambda n: bytes(stream.getrandbits(8) for _ in range(n))
    try:
        yield
    finally:
        pdfencrypt.os_urandom = original


def _build_pdf(p: Proposal, blocks: tuple[Block, ...], breaks: frozenset[int], cover: bool,
               password: str | None) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    creator = _CREATORS[int(hashlib.md5(p.title.encode()).hexdigest(), 16) % len(_CREATORS)]
    encrypt = None
    if password:
        # 128-bit RC4 (PDF 1.4): what most office tools still produce, and readable by pdfium.
        encrypt = StandardEncryption(password, ownerPassword=password + "-eigenaar", strength=128)
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=56, bottomMargin=56, invariant=1,
        title=p.title, author=p.organisation.contact.name, subject=CALL_LINE,
        creator=creator, producer=creator,
        encrypt=encrypt, lang="nl-BE",
    )
    on_page = _footer(p)
    with _binary_streams():
        if password:
            with _seeded_pdf_encryption(p.title + password):
                doc.build(_story(p, blocks, breaks, cover), onFirstPage=on_page, onLaterPages=on_page)
        else:
            doc.build(_story(p, blocks, breaks, cover), onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue(), doc.page


_CREATORS = ("Microsoft® Word voor Microsoft 365", "Microsoft® Word 2016", "LibreOffice 7.5 Writer",
             "Google Docs Renderer", "Pages")


def render_pdf(p: Proposal, password: str | None = None) -> tuple[bytes, int]:
    """The proposal as a text PDF of 3–15 pages; returns (bytes, page count).

    Filler is trimmed when the first layout runs long, and page breaks before the tables (or a
    cover page) are added when it runs short, like authors do; essential sentences always stay.
    """
    blocks = p.blocks
    cover = p.cover
    breaks: frozenset[int] = frozenset()
    data, pages = _build_pdf(p, blocks, breaks, cover, password)
    for _ in range(6):
        if pages > MAX_PAGES:
            filler = [i for i, b in enumerate(blocks) if not b.essential]
            drop = set(filler[-max(1, int(len(filler) * (pages - MAX_PAGES + 1) / pages)):])
            blocks = tuple(b for i, b in enumerate(blocks) if i not in drop)
        elif pages < MIN_PAGES:
            if not cover:
                cover = True
            else:
                headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and i not in breaks and i > 0]
                if not headings:
                    break
                breaks = breaks | {headings[len(headings) // 2]}
        else:
            break
        data, pages = _build_pdf(p, blocks, breaks, cover, password)
    return data, pages


def render_simple_pdf(title: str, paragraphs: list[str], author: str, table: tuple[tuple[str, ...], ...] = (),
                      font: str = "Helvetica") -> tuple[bytes, int]:
    """A short text PDF: a letter of support, an annual report or a rebuttal letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = _styles(font)
    story: list = [Paragraph(escape(title), styles["h1"])]
    story += [_fast_paragraph(t, styles["body"]) for t in paragraphs]
    if table:
        story.append(_table(table, styles, A4[0] - 2 * 56))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=56, bottomMargin=56,
                            invariant=1, title=title, author=author, creator="Microsoft® Word voor Microsoft 365")
    with _binary_streams():
        doc.build(story)
    return buf.getvalue(), doc.page


# --- scans and photos (PIL) --------------------------------------------------------------------


@cache
def _pil_font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    base = Path(__import__("reportlab").__file__).parent / "fonts"
    return ImageFont.truetype(str(base / ("VeraBd.ttf" if bold else "Vera.ttf")), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _layout_pages(p: Proposal, dpi: int, pt: float) -> list[list[tuple]]:
    """Lay the proposal out as drawing operations per A4 page at `dpi` (a printed, then scanned page)."""
    px = dpi / 72
    page_w, page_h = int(595.27 * px), int(841.89 * px)
    margin = int(56 * px)
    body, bold = _pil_font(False, round(pt * px)), _pil_font(True, round(pt * px))
    head = _pil_font(True, round((pt + 2.5) * px))
    leading = int(pt * 1.32 * px)
    width = page_w - 2 * margin
    pages: list[list[tuple]] = [[]]
    y = margin

    def need(h: int) -> None:
        nonlocal y
        if y + h > page_h - margin:
            pages.append([])
            y = margin

    def text_line(x: int, s: str, font: ImageFont.FreeTypeFont) -> None:
        pages[-1].append(("text", x, y, s, font))

    for line in _wrap(p.title, head, width):
        need(leading + 8)
        text_line(margin, line, head)
        y += leading + 8
    for line in _wrap(f"{CALL_LINE} — {p.organisation.name}", body, width):
        need(leading)
        text_line(margin, line, body)
        y += leading
    y += leading
    n = 0
    for b in p.blocks:
        if b.kind == "heading":
            n += 1
            need(3 * leading)
            y += leading // 2
            text_line(margin, f"{n}. {b.text}", head)
            y += int(leading * 1.3)
        elif b.kind in ("para", "bullets"):
            items = [b.text] if b.kind == "para" else [f"• {t}" for t in b.items]
            for item in items:
                for line in _wrap(item, body, width):
                    need(leading)
                    text_line(margin, line, body)
                    y += leading
                y += leading // 3
        elif b.kind == "table":
            cols = len(b.rows[0])
            weights = {2: (0.35, 0.65), 3: (0.3, 0.45, 0.25)}.get(cols, tuple(1 / cols for _ in range(cols)))
            xs = [margin]
            for w in weights:
                xs.append(xs[-1] + int(width * w))
            pad = int(4 * px)
            for r, row in enumerate(b.rows):
                font = bold if r == 0 else body
                cells = [_wrap(c, font, xs[i + 1] - xs[i] - 2 * pad) for i, c in enumerate(row)]
                h = max(len(c) for c in cells) * leading + 2 * pad
                need(h)
                pages[-1].append(("rect", xs[0], y, xs[-1], y + h))
                for i in range(1, cols):
                    pages[-1].append(("vline", xs[i], y, y + h))
                for i, cell in enumerate(cells):
                    for k, line in enumerate(cell):
                        pages[-1].append(("text", xs[i] + pad, y + pad + k * leading, line, font))
                y += h
            y += leading
    return pages


def _page_image(ops: list[tuple], dpi: int, rng: random.Random, paper: int = 248, blur: bool = True) -> Image.Image:
    px = dpi / 72
    img = Image.new("L", (int(595.27 * px), int(841.89 * px)), paper)
    draw = ImageDraw.Draw(img)
    ink = rng.randrange(15, 45)   # toner is never quite black
    for op in ops:
        if op[0] == "text":
            _, x, y, s, font = op
            draw.text((x, y), s, fill=ink, font=font)
        elif op[0] == "rect":
            draw.rectangle(op[1:], outline=ink, width=max(1, int(px * 0.6)))
        elif op[0] == "vline":
            draw.line((op[1], op[2], op[1], op[3]), fill=ink, width=max(1, int(px * 0.6)))
    # Scanner dust and a slightly skewed feed; both are what OCR meets in practice.
    for _ in range(rng.randrange(60, 220)):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        r = rng.choice((1, 1, 1, 2))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(80, 200))
    img = img.rotate(rng.uniform(-0.7, 0.7), resample=Image.Resampling.BILINEAR, fillcolor=paper)
    return img.filter(ImageFilter.GaussianBlur(0.5)) if blur else img


def render_scan_pdf(p: Proposal, seed: str, mode: str = "bw") -> tuple[bytes, int]:
    """An image-only PDF of a printed and scanned short proposal (1–2 pages, no text layer).

    `mode` "bw": 200 dpi black-and-white (thresholded, Flate-compressed, about 90 KB a page), the
    office copier's default; "gray": 150 dpi grayscale JPEG (about 170 KB a page).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    dpi = 200 if mode == "bw" else 150
    pages = _layout_pages(p, dpi, 10.5)
    if len(pages) > 2:
        pages = _layout_pages(p, dpi, 9.0)
    buf = io.BytesIO()
    with _binary_streams():   # image streams pick their filters when drawn, so cover the whole build
        c = canvas.Canvas(buf, pagesize=A4, invariant=1)
        c.setCreator(rng.choice(("Canon iR-ADV C3530 III", "RICOH IM C3000", "Xerox WorkCentre 7845", "HP Scan")))
        c.setProducer("Scanner PDF Library 3.2")
        c.setTitle(f"Scan_{p.written.strftime('%Y%m%d')}_{rng.randrange(100000, 999999)}")
        for ops in pages:
            # Thresholding gives black-and-white scans their jagged edges already; blur only grayscale.
            img = _page_image(ops, dpi, rng, blur=mode != "bw")
            if mode == "bw":
                source = ImageReader(img.point(lambda v: 0 if v < 150 else 255))
            else:
                jpeg = io.BytesIO()
                img.save(jpeg, "JPEG", quality=50, dpi=(dpi, dpi))
                jpeg.seek(0)
                source = ImageReader(jpeg)   # a JPEG file is embedded as is (DCTDecode), like scanners do
            c.drawImage(source, 0, 0, width=A4[0], height=A4[1])
            c.showPage()
        c.save()
    return buf.getvalue(), len(pages)


def render_photo_jpeg(p: Proposal, seed: str) -> bytes:
    """A phone photo of the first page of a printed proposal (sent as 'proposal.pdf' by mistake)."""
    rng = random.Random(seed)
    dpi = 130
    page = _page_image(_layout_pages(p, dpi, 10.5)[0], dpi, rng, paper=236)
    # The sheet lies on a desk: a darker border around it and a visible tilt.
    canvas = Image.new("L", (page.width + 160, page.height + 160), 92)
    canvas.paste(page, (80, 80))
    photo = canvas.rotate(rng.uniform(-3.5, 3.5), resample=Image.Resampling.BILINEAR, fillcolor=92).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Apple"              # Make
    exif[0x0110] = "iPhone 12"          # Model
    exif[0x0132] = p.written.strftime("%Y:%m:%d 21:14:05")   # DateTime
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=72, exif=exif.tobytes())
    return out.getvalue()


def logo_colour(name: str) -> tuple[int, int, int]:
    """A stable house colour per organisation (dark enough for white initials)."""
    digest = hashlib.sha256(name.encode()).digest()
    return digest[0] // 2, digest[1] // 2 + 40, digest[2] // 2 + 60


@cache
def render_logo_png(name: str, colour: tuple[int, int, int]) -> bytes:
    """A small signature logo (the kind Outlook embeds inline in HTML mail)."""
    img = Image.new("RGB", (180, 60), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 56, 59), fill=colour)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", name) if w[0].isupper())[:2] or "O"
    draw.text((12, 14), initials, fill=(255, 255, 255), font=_pil_font(True, 24))
    draw.text((64, 20), name[:14], fill=colour, font=_pil_font(False, 13))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    return out.getvalue()


# --- Office files ------------------------------------------------------------------------------


_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_ooxml(data: bytes, when: datetime) -> bytes:
    """Rewrite an OOXML package with fixed ZIP entry times and fixed core-property dates."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), payload)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, payload)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w_paragraph(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def render_docx(p: Proposal, when: datetime) -> bytes:
    """The proposal as a Word document with headings, bullets and real tables.

    Paragraphs are written as WordprocessingML directly (python-docx's add_paragraph costs about
    1 ms each, which dominated a 1000-application run); tables go through python-docx.
    """
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    props = d.core_properties
    props.author = p.organisation.contact.name
    props.last_modified_by = p.organisation.contact.name
    props.title = p.title
    props.subject = CALL_LINE
    props.language = "nl-BE"
    props.revision = 3
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    sect = d.element.body.sectPr
    pending: list[str] = [
        _w_paragraph(p.title, "Title"), _w_paragraph(CALL_LINE),
        _w_paragraph(f"Ingediend door {p.organisation.name}, {p.organisation.place}, {dutch_date(p.written)}"),
    ]
    if p.cover:
        pending.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def flush() -> None:
        if pending:
            body = parse_xml(f'<w:body xmlns:w="{_W}">{"".join(pending)}</w:body>')
            for element in list(body):
                sect.addprevious(element)
            pending.clear()

    n = 0
    for b in p.blocks:
        if b.kind == "heading":
            n += 1
            pending.append(_w_paragraph(f"{n}. {b.text}" if p.numbered else b.text, "Heading1"))
        elif b.kind == "para":
            pending.append(_w_paragraph(b.text))
        elif b.kind == "bullets":
            pending.extend(_w_paragraph(item, "ListBullet") for item in b.items)
        elif b.kind == "table":
            flush()
            t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            t.style = "Table Grid"
            for r, (row, cells) in enumerate(zip(b.rows, t.rows, strict=True)):
                for value, cell in zip(row, cells.cells, strict=True):
                    cell.text = value
                    if r == 0 or row[0] == "Totaal":
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            pending.append(_w_paragraph(""))
    flush()
    buf = io.BytesIO()
    d.save(buf)
    return normalise_ooxml(buf.getvalue(), when)


def render_budget_xlsx(p: Proposal, when: datetime, formula_total: bool) -> bytes:
    """The budget as a spreadsheet annex; with `formula_total` the total is a SUM formula without a
    cached value (openpyxl never computes one), as many parsers reading values only will discover."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Begroting"
    wb.properties.creator = p.organisation.contact.name
    wb.properties.title = f"Begroting {p.acronym}"
    wb.properties.created = when.replace(tzinfo=None)
    ws.append([f"Begroting — {p.title}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Kostenpost", "Toelichting", "Bedrag (EUR)"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    first = 4
    for post, note, amount in p.budget_rows:
        ws.append([post, note, amount])
    last = ws.max_row
    total = sum(r[2] for r in p.budget_rows)
    ws.append(["Totaal", "", f"=SUM(C{first}:C{last})" if formula_total else total])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for row in ws.iter_rows(min_row=first, min_col=3, max_col=3):
        row[0].number_format = '€ #,##0.00'
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 46
    ws.column_dimensions["C"].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_ooxml(buf.getvalue(), when)


def render_score_xlsx(reviewer: str, criteria: list[str], scores: dict[str, dict[str, int]], when: datetime) -> bytes:
    """A reviewer's filled scoring sheet: one row per reference, one column per criterion (1–5)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Scores"
    wb.properties.creator = reviewer
    wb.properties.created = when.replace(tzinfo=None)
    ws.append(["Referentie", *criteria])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for reference, row in scores.items():
        ws.append([reference, *(row[c] for c in criteria)])
    ws.column_dimensions["A"].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_ooxml(buf.getvalue(), when)


def make_zip(members: list[tuple[str, bytes]], when: datetime) -> bytes:
    """A ZIP as Windows' "Send to > Compressed folder" makes it, with fixed entry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0x20    # MS-DOS "archive" attribute
            z.writestr(entry, data)
    return out.getvalue()
