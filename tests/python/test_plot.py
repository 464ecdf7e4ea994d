"""samatthana.plot checked as pictures: axis limits of the rendered axes, pixels of the rendered
image, missing-glyph warnings while drawing, and matplotlib.testing.compare against reviewed
baselines in tests/python/baseline/ (regenerate them with SAMATTHANA_UPDATE_BASELINES=1 and look
at them before committing)."""
from __future__ import annotations

import math
import os
import pathlib
import warnings
from typing import Any, Tuple

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pd = pytest.importorskip("pandas")

import matplotlib.pyplot as plt  # noqa: E402

import samatthana  # noqa: E402
from samatthana import plot  # noqa: E402

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "data" / "samples"
BASELINE = pathlib.Path(__file__).resolve().parent / "baseline"
LEVELS = {"integrity": 3, "service": 6, "achievement": 2, "teamwork": 3, "expertise": 1}
EXPECTED = {"integrity": 3, "service": 3, "achievement": 3, "teamwork": 3, "expertise": 3}


@pytest.fixture(autouse=True)
def _close() -> Any:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def scored() -> Any:
    df = samatthana.scoring.read_ratings(SAMPLES / "ratings.csv")
    ev = samatthana.scoring.read_evidence(SAMPLES / "evidence.csv")
    return samatthana.score(df, evidence=ev)


def _draw(ax: Any) -> Any:
    """Draws the figure with every warning an error (a Thai glyph missing from the font warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()
    import numpy as np

    return np.asarray(ax.figure.canvas.buffer_rgba())[:, :, :3].astype(int)


def _pixel(img: Any, ax: Any, xy: Tuple[float, float]) -> Any:
    x, y = ax.transData.transform(xy)
    return img[int(round(img.shape[0] - y)), int(round(x))]


def _is_held_fill(rgb: Any) -> bool:
    r, g, b = (int(v) for v in rgb)
    return b > r + 25 and b > 150  # the held polygon's blue fill (alpha 0.25 over white)


def test_radar_spans_one_turn_clockwise_from_the_top() -> None:
    """Regression: on matplotlib 3.6 negative angles in set_xticks widened the view to
    −198°..360°, drawing a distorted wedge instead of a circle."""
    ax = plot.radar(LEVELS, expected=EXPECTED)
    _draw(ax)
    assert ax.get_xlim() == pytest.approx((0.0, 2 * math.pi))
    assert (ax.get_thetamin(), ax.get_thetamax()) == pytest.approx((0.0, 360.0))
    for line in ax.lines:
        assert all(0 <= a <= 2 * math.pi + 1e-9 for a in line.get_xdata())
    # the polar frame is a circle: as wide as high on screen
    box = ax.get_window_extent()
    assert box.width == pytest.approx(box.height, rel=0.02)
    # the first axis (integrity) points up, the second (service) to the right of it
    ticks = ax.get_xticks()
    up = ax.transData.transform((ticks[0], 3)) - ax.transData.transform((0, 0))
    right = ax.transData.transform((ticks[1], 3)) - ax.transData.transform((0, 0))
    assert abs(up[0]) < 1 and up[1] > 0 and right[0] > 0


def test_radar_draws_the_held_polygon_where_the_levels_are() -> None:
    ax = plot.radar(LEVELS, expected=EXPECTED)
    img = _draw(ax)
    ticks = ax.get_xticks()
    service, expertise = ticks[1], ticks[4]
    off = 0.1  # beside the axis lines, between the grid circles
    assert _is_held_fill(_pixel(img, ax, (service - off, 4.5)))      # service held 6: filled far out
    assert _is_held_fill(_pixel(img, ax, (expertise + off, 0.5)))    # expertise held 1
    assert not _is_held_fill(_pixel(img, ax, (expertise + off, 2.5)))  # … not beyond it
    assert not _is_held_fill(_pixel(img, ax, (service - off, 6.1)))  # nothing past the top level


def test_radar_keeps_averages() -> None:
    """Regression: float levels were truncated (2.9 → 2)."""
    ax = plot.radar({**LEVELS, "integrity": 2.9}, expected={**EXPECTED, "teamwork": 3.25})
    assert list(ax.lines[-1].get_ydata())[:5] == [2.9, 6, 2, 3, 1]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0].endswith("2.9 / 3") and labels[3].endswith("3 / 3.2")


@pytest.mark.parametrize("bad", [9, -1, 6.5, float("nan"), float("inf"), True, "x", None])
def test_radar_refuses_levels_out_of_range(bad: Any) -> None:
    """Regression: levels 9 and −1 were drawn. Now a located samatthana.ValidationError."""
    with pytest.raises(samatthana.ValidationError) as e:
        plot.radar({**LEVELS, "integrity": bad})
    assert e.value.path == "held.integrity" and e.value.value == str(bad)
    assert "0 to 5" in str(e.value)
    with pytest.raises(samatthana.ValidationError) as e:
        plot.radar(LEVELS, expected={**EXPECTED, "service": 7})
    assert e.value.path == "expected.service" and "0 to 6" in str(e.value)
    with pytest.raises(samatthana.ValidationError) as e:
        plot.radar([1, 2, 3])
    assert e.value.path == "held"
    with pytest.raises(samatthana.ValidationError, match="no level for competency 'teamwork'"):
        plot.radar({"integrity": 1, "service": 1, "achievement": 1, "expertise": 1})


def test_thai_text_has_glyphs() -> None:
    """Regression: Thai digits (radial tick labels) were drawn as boxes in DejaVu Sans."""
    if plot.thai_font() is None:
        pytest.skip("no Thai font installed (Debian: fonts-thai-tlwg)")
    sheet = samatthana.report.person_sheet(SAMPLES / "ratings.csv", "BKK00220",
                                           evidence=SAMPLES / "evidence.csv")
    ax = plot.radar(sheet, thai_digits=True)
    _draw(ax)  # no "Glyph … missing from current font" warning
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["๑", "๒", "๓"]
    service = ax.get_xticklabels()[1].get_text()
    held, exp = (samatthana.thai.to_thai_digits(str(v)) for v in (sheet.held[1], sheet.expected[1]))
    assert service == f"การบริการที่ดี\n{held} / {exp}"


def test_no_thai_font_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plot, "thai_font", lambda: None)
    with pytest.warns(plot.NoThaiFontWarning, match="fonts-thai-tlwg"):
        ax = plot.radar(LEVELS, expected=EXPECTED, thai_digits=True)
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["1", "2"]  # readable digits


def test_average_radar(scored: Any) -> None:
    unit = "สำนักอนามัย"
    ax = plot.average_radar(scored, unit)
    rows = scored[scored["unit"] == unit]
    means = [rows[f"{c}_held"].mean() for c in scored.attrs["competencies"]]
    assert list(ax.lines[-1].get_ydata())[:5] == pytest.approx(means)
    assert any(not float(v).is_integer() for v in means)  # averages kept
    assert f"({len(rows)} คน)" in ax.get_title()
    everyone = plot.average_radar(scored)
    assert list(everyone.lines[-1].get_ydata())[0] == pytest.approx(scored["integrity_held"].mean())
    with pytest.raises(samatthana.ValidationError, match="no row"):
        plot.average_radar(scored, "ไม่มีหน่วยนี้")
    _draw(ax)


def test_heatmap_colours_show_differences(scored: Any) -> None:
    """The colour scale spans the values shown: the lowest and the highest cell are far apart in
    colour even when every share is between 65 % and 90 % (the HTML report's fixed 0..100 %
    scale paints them all about the same green)."""
    ax = plot.heatmap(scored)
    img = _draw(ax)
    im = ax.images[0]
    data = im.get_array()
    lo, hi = divmod(int(data.argmin()), data.shape[1]), divmod(int(data.argmax()), data.shape[1])
    a, b = _pixel(img, ax, (lo[1] + 0.3, lo[0] + 0.3)), _pixel(img, ax, (hi[1] + 0.3, hi[0] + 0.3))
    assert a[0] > a[1] and b[1] > b[0]  # lowest red, highest green
    assert sum((int(x) - int(y)) ** 2 for x, y in zip(a, b)) ** 0.5 > 150
    assert im.norm.vmin == pytest.approx(float(data.min())) and im.norm.vmax == pytest.approx(float(data.max()))
    units = [t.get_text() for t in ax.get_yticklabels()]
    assert units == samatthana.thai.sorted_thai(units) and len(units) == 8
    assert len(ax.figure.axes) == 2  # the colour bar
    gap = plot.heatmap(scored, value="mean_gap")
    assert gap.images[0].norm.vcenter == 0
    people = plot.heatmap(scored.head(12), by="person_id", value="mean_held")
    assert len(people.get_yticklabels()) == 12
    with pytest.raises(samatthana.ValidationError):
        plot.heatmap(scored, value="median")


def test_level_distribution(scored: Any) -> None:
    ax = plot.level_distribution(scored)
    _draw(ax)
    comps = scored.attrs["competencies"]
    widths = [[p.get_width() for p in c.patches] for c in ax.containers]
    for j, c in enumerate(comps):
        assert sum(w[j] for w in widths) == pytest.approx(100.0)
        share6 = widths[6][j] if len(widths) > 6 else 0
        assert share6 == pytest.approx(100.0 * (scored[f"{c}_held"] == 6).mean())
    counts = plot.level_distribution(scored, "สำนักอนามัย", percent=False)
    n = int((scored["unit"] == "สำนักอนามัย").sum())
    assert sum(w.get_width() for cont in counts.containers for w in cont.patches[:1]) == n


def _compare(ax: Any, name: str, tmp_path: pathlib.Path) -> None:
    from matplotlib.testing.compare import compare_images

    if plot.thai_font() != "Loma" or not matplotlib.__version__.startswith("3.6"):
        pytest.skip("baselines were drawn with matplotlib 3.6 and the Loma font (fonts-thai-tlwg)")
    out = tmp_path / f"{name}.png"
    ax.figure.savefig(out, dpi=60)
    base = BASELINE / f"{name}.png"
    if os.environ.get("SAMATTHANA_UPDATE_BASELINES"):
        BASELINE.mkdir(exist_ok=True)
        base.write_bytes(out.read_bytes())
    assert base.exists(), f"no baseline {base}: run with SAMATTHANA_UPDATE_BASELINES=1 and review it"
    diff = compare_images(str(base), str(out), tol=6)
    assert diff is None, diff


def test_radar_picture(tmp_path: pathlib.Path) -> None:
    ax = plot.radar({**LEVELS, "integrity": 2.5}, expected=EXPECTED, title="ตัวอย่าง", thai_digits=True)
    _compare(ax, "radar", tmp_path)


def test_heatmap_picture(scored: Any, tmp_path: pathlib.Path) -> None:
    _compare(plot.heatmap(scored), "heatmap", tmp_path)


def test_level_distribution_picture(scored: Any, tmp_path: pathlib.Path) -> None:
    _compare(plot.level_distribution(scored), "level_distribution", tmp_path)
