"""Ruled tables on PDF pages, read from pdfium's own objects (no second PDF parser).

pdfplumber finds the same tables but parses every page again with pdfminer: about 65-100 ms per
page, 9 s for a dense one, which is 50-100x pypdfium2's ~1 ms. This module follows pdfplumber's
"lines" algorithm on data pdfium already has, in 1-3 ms per table page:

1. edges: axis-aligned line segments of path objects (stroked rules, rectangle sides, thin filled
   bars as Word draws borders), in page coordinates;
2. snap edges lying within SNAP points of each other onto one line, and join collinear pieces;
3. intersections of horizontal and vertical edges;
4. cells: for each intersection, the smallest rectangle whose four corners are intersections
   connected by edges;
5. tables: groups of cells sharing corners; rows by top edge, cells left to right; each cell's text
   from pdfium's text page within the cell's rectangle.

Glyph-sized paths (fonts drawn as outlines) and curves are ignored; edges beyond MAX_EDGES per
page are not collected and pages with more than MAX_EDGE_PAIRS line pairs are not searched (maps,
charts), and a table whose cells x page characters exceeds
MAX_CELL_SCAN is skipped with a note (its text is still in the page text, row by row).
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

SNAP = 3.0  # points: pdfplumber's default snap and join tolerance
MIN_EDGE = 3.0
MAX_EDGES = 3000
MAX_EDGE_PAIRS = 40_000  # snapped horizontal x vertical lines; a 50-row, 8-column table is about 500
MAX_CELL_SCAN = 30_000_000  # cells x page characters; a 50-row A4 budget table is about 1 000 000
_MAX_SEGMENTS = 400


@dataclass
class Edge:
    position: float  # y of a horizontal edge, x of a vertical one
    start: float
    end: float


@dataclass
class PageGraphics:
    """Counts and ruled-table edges of a page's drawing objects."""

    objects: int = 0
    images: int = 0
    image_area: float = 0.0
    paths: int = 0
    page_area: float = 1.0
    horizontal: list[Edge] = field(default_factory=list)
    vertical: list[Edge] = field(default_factory=list)

    @property
    def image_coverage(self) -> float:
        return self.image_area / self.page_area if self.page_area > 0 else 0.0

    @property
    def may_hold_table(self) -> bool:
        return len(self.horizontal) >= 2 and len(self.vertical) >= 2


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def read_graphics(page, object_limit: int = 20_000) -> PageGraphics:
    """Walk the page's objects (and those inside form XObjects) through pdfium's C API.

    This runs on every page, so the loop is kept tight: a text object (most of a page) costs two
    C calls; paths are classified by their bounds, and only paths of more than five segments (a
    grid drawn as one path) have their segments read.
    """
    import pypdfium2.raw as raw

    width, height = page.get_size()
    graphics = PageGraphics(page_area=max(width * height, 1.0))
    reader = _ObjectReader(graphics, raw)
    raw_page = page.raw
    count = min(raw.FPDFPage_CountObjects(raw_page), object_limit)
    reader.read([raw.FPDFPage_GetObject(raw_page, i) for i in range(count)], None)
    budget = object_limit - count
    while reader.forms and budget > 0:
        form, matrix = reader.forms.pop()
        children = min(raw.FPDFFormObj_CountObjects(form), budget)
        budget -= children
        reader.read([raw.FPDFFormObj_GetObject(form, i) for i in range(children)], matrix)
    graphics.objects = object_limit - budget
    return graphics


class _ObjectReader:
    """Sorts page objects into image area, path edges and form XObjects still to open."""

    def __init__(self, graphics: PageGraphics, raw) -> None:
        self.graphics = graphics
        self.raw = raw
        self.forms: list[tuple[object, Matrix]] = []
        self._box = [ctypes.c_float() for _ in range(4)]
        self._box_refs = tuple(ctypes.byref(value) for value in self._box)
        self._matrix = raw.FS_MATRIX()

    def read(self, objects: list, parent: Matrix | None) -> None:
        raw, graphics = self.raw, self.graphics
        get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
        text_kind, path_kind, image_kind, form_kind = (
            raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM,
        )
        left, bottom, right, top = self._box
        for obj in objects:
            kind = get_type(obj)
            if kind == text_kind:
                continue
            if kind == form_kind:
                self.forms.append((obj, _multiply(_matrix(obj, self._matrix, raw), parent or _IDENTITY)))
                continue
            if kind not in (path_kind, image_kind) or not get_bounds(obj, *self._box_refs):
                continue
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            if parent is not None:  # bounds of objects inside a form are in the form's space
                (x0, y0), (x1, y1) = _apply(parent, x0, y0), _apply(parent, x1, y1)
                x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            if kind == image_kind:
                graphics.images += 1
                graphics.image_area += (x1 - x0) * (y1 - y0)
            else:
                graphics.paths += 1
                if len(graphics.horizontal) + len(graphics.vertical) < MAX_EDGES:
                    _classify_path(obj, (x0, y0, x1, y1), parent, self._matrix, graphics, raw)


def _classify_path(obj, bounds: tuple[float, float, float, float], parent: Matrix | None, fs_matrix, graphics: PageGraphics, raw) -> None:
    x0, y0, x1, y1 = bounds
    width, height = x1 - x0, y1 - y0
    if width < 8 and height < 8:
        return  # glyph-sized: fonts drawn as outlines, bullets, dots
    if height <= 2 and width >= MIN_EDGE:
        graphics.horizontal.append(Edge((y0 + y1) / 2, x0, x1))  # a rule, stroked or a thin filled bar
        return
    if width <= 2 and height >= MIN_EDGE:
        graphics.vertical.append(Edge((x0 + x1) / 2, y0, y1))
        return
    segments = raw.FPDFPath_CountSegments(obj)
    if segments in (4, 5) and width >= 10 and height >= 6:  # a cell-sized rectangle: its four sides
        graphics.horizontal += [Edge(y0, x0, x1), Edge(y1, x0, x1)]
        graphics.vertical += [Edge(x0, y0, y1), Edge(x1, y0, y1)]
    elif segments > 5:
        _path_edges(obj, _multiply(_matrix(obj, fs_matrix, raw), parent or _IDENTITY), graphics, raw)


def _matrix(obj, fs_matrix, raw) -> Matrix:
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fs_matrix)):
        return _IDENTITY
    return (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)


def _path_edges(obj, matrix: Matrix, graphics: PageGraphics, raw) -> None:
    """Axis-aligned straight segments of a path (curves end the walk: not a table)."""
    count = raw.FPDFPath_CountSegments(obj)
    if count <= 0 or count > _MAX_SEGMENTS:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    subpath_start: tuple[float, float] | None = None
    edges: list[tuple[tuple[float, float], tuple[float, float]]] = []
    current: tuple[float, float] | None = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = _apply(matrix, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO or current is None:
            subpath_start = point
        else:
            edges.append((current, point))
        current = point
        if raw.FPDFPathSegment_GetClose(segment) and subpath_start is not None and subpath_start != point:
            edges.append((point, subpath_start))
            current = subpath_start
    for (x0, y0), (x1, y1) in edges:
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= MIN_EDGE:
            graphics.horizontal.append(Edge((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= MIN_EDGE:
            graphics.vertical.append(Edge((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# ---------------------------------------------------------------------------------- table building


def _snap_and_join(edges: list[Edge]) -> list[Edge]:
    """Edges within SNAP of each other share one position; overlapping pieces become one edge."""
    if not edges:
        return []
    ordered = sorted(edges, key=lambda e: e.position)
    clusters: list[list[Edge]] = [[ordered[0]]]
    for edge in ordered[1:]:
        if edge.position - clusters[-1][0].position <= SNAP:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    joined: list[Edge] = []
    for cluster in clusters:
        position = sum(e.position for e in cluster) / len(cluster)
        pieces = sorted(cluster, key=lambda e: e.start)
        current = Edge(position, pieces[0].start, pieces[0].end)
        for piece in pieces[1:]:
            if piece.start <= current.end + SNAP:
                current.end = max(current.end, piece.end)
            else:
                joined.append(current)
                current = Edge(position, piece.start, piece.end)
        joined.append(current)
    return joined


Point = tuple[float, float]


def find_tables(graphics: PageGraphics) -> list[list[list[tuple[float, float, float, float]]]]:
    """Tables as rows of cell rectangles (left, bottom, right, top), top table and top row first."""
    horizontal = _snap_and_join(graphics.horizontal)  # sorted by position (y)
    vertical = _snap_and_join(graphics.vertical)
    if len(horizontal) < 2 or len(vertical) < 2 or len(horizontal) * len(vertical) > MAX_EDGE_PAIRS:
        return []
    # Intersection -> indexes of the horizontal and vertical edges through it.
    crossings: dict[Point, tuple[set[int], set[int]]] = {}
    heights = [h.position for h in horizontal]
    for vi, v in enumerate(vertical):
        # Only horizontal edges within the vertical edge's span can cross it.
        for hi in range(bisect_left(heights, v.start - SNAP), bisect_right(heights, v.end + SNAP)):
            h = horizontal[hi]
            if h.start - SNAP <= v.position <= h.end + SNAP:
                point = (round(v.position, 2), round(h.position, 2))
                through = crossings.setdefault(point, (set(), set()))
                through[0].add(hi)
                through[1].add(vi)
    cells = _cells(crossings)
    return [_rows(group) for group in _groups(cells)]


def _cells(crossings: dict[Point, tuple[set[int], set[int]]]) -> list[tuple[float, float, float, float]]:
    by_row: dict[float, list[float]] = defaultdict(list)
    by_column: dict[float, list[float]] = defaultdict(list)
    for x, y in crossings:
        by_row[y].append(x)
        by_column[x].append(y)
    for values in (*by_row.values(), *by_column.values()):
        values.sort()

    def joined(a: Point, b: Point, axis: int) -> bool:
        return bool(crossings[a][axis] & crossings[b][axis])

    cells = []
    for x, y in crossings:
        column, row = by_column[x], by_row[y]
        # Nearest first, lazily: the first corner that closes a rectangle gives the smallest cell.
        below = ((x, y2) for y2 in reversed(column[: bisect_left(column, y)]) if joined((x, y), (x, y2), 1))
        right = _Replayable((x2, y) for x2 in row[bisect_right(row, x) :] if joined((x, y), (x2, y), 0))
        cell = _smallest_cell((x, y), below, right, crossings, joined)
        if cell:
            cells.append(cell)
    return cells


class _Replayable:
    """A lazily evaluated sequence that can be iterated many times (computed at most once)."""

    def __init__(self, items: Iterator[Point]) -> None:
        self._items = items
        self._seen: list[Point] = []

    def __iter__(self) -> Iterator[Point]:
        yield from self._seen
        for item in self._items:
            self._seen.append(item)
            yield item


def _smallest_cell(corner: Point, below: Iterator[Point], right: _Replayable, crossings, joined) -> tuple[float, float, float, float] | None:
    for bottom_left in below:
        for top_right in right:
            bottom_right = (top_right[0], bottom_left[1])
            if bottom_right in crossings and joined(bottom_right, bottom_left, 0) and joined(bottom_right, top_right, 1):
                return (corner[0], bottom_left[1], top_right[0], corner[1])
    return None


def _groups(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells sharing a corner belong to one table (union-find over corners)."""
    parent: dict[Point, Point] = {}

    def find(point: Point) -> Point:
        while parent.setdefault(point, point) != point:
            parent[point] = parent[parent[point]]
            point = parent[point]
        return point

    for left, bottom, right, top in cells:
        corners = [(left, top), (right, top), (left, bottom), (right, bottom)]
        for other in corners[1:]:
            parent[find(other)] = find(corners[0])
    groups: dict[Point, list[tuple[float, float, float, float]]] = defaultdict(list)
    for cell in cells:
        groups[find((cell[0], cell[3]))].append(cell)
    return sorted(groups.values(), key=lambda group: -max(cell[3] for cell in group))


def _rows(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    rows: dict[float, list[tuple[float, float, float, float]]] = defaultdict(list)
    for cell in cells:
        rows[cell[3]].append(cell)
    return [sorted(rows[top]) for top in sorted(rows, reverse=True)]


def table_lines(graphics: PageGraphics, textpage) -> tuple[list[str], bool]:
    """Each table's rows as lines of cell texts joined by " | " (2+ rows, 2+ columns only).

    The second value is True when a table was skipped because reading it would cost too much:
    pdfium scans the page's characters once per cell, so cells x characters is bounded.
    """
    lines: list[str] = []
    skipped = False
    chars = max(textpage.count_chars(), 1)
    for table in find_tables(graphics):
        if sum(len(row) for row in table) * chars > MAX_CELL_SCAN:
            skipped = True
            continue
        rows = [[_cell_text(textpage, cell) for cell in row] for row in table]
        rows = [row for row in rows if any(row)]
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            lines.extend(" | ".join(row) for row in rows)
    return lines, skipped


def _cell_text(textpage, cell: tuple[float, float, float, float]) -> str:
    left, bottom, right, top = cell
    return " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
