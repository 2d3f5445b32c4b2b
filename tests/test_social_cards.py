"""Social cards: layout of the title, the PNG each post gets, the content cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphinx_notebook.blog.card_glyphs import font_for, runs
from sphinx_notebook.blog.social_card_svg import (
    MAX_LINES,
    TITLE_SIZES,
    CardText,
    card_svg,
    card_text,
    fit_title,
    hand_font,
    wrap,
)
from sphinx_notebook.blog.social_cards import render_card
from sphinx_notebook.diagram.fontmetrics import text_width

ROOTS = Path(__file__).parent / "roots"
WIDTH = 1200 - 2 * 84


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_short_titles_stay_big_on_one_line():
    size, lines = fit_title("Sums of squares")
    assert (size, lines) == (TITLE_SIZES[0], ["Sums of squares"])


def test_long_titles_wrap_at_words_and_shrink_to_fit():
    title = "A rather long title about gradient descent, momentum, Nesterov and all their friends on the hill"
    size, lines = fit_title(title)
    assert size < TITLE_SIZES[0]
    assert 1 < len(lines) <= MAX_LINES
    assert " ".join(lines) == title
    assert all(text_width(line, size) <= WIDTH for line in lines)


def test_titles_too_long_for_the_card_end_in_an_ellipsis():
    size, lines = fit_title("word " * 80)
    assert size == TITLE_SIZES[-1]
    assert lines[-1].endswith("\u2026")
    assert all(text_width(line, size) <= WIDTH for line in lines)


def test_cjk_titles_break_between_characters():
    lines = wrap("固有値" * 20, 60, 600)
    assert len(lines) > 1
    assert "".join(lines) == "固有値" * 20


def test_emoji_are_left_out_of_the_card():
    assert card_text("Rocket science 🚀 for 👩\u200d🔬 everyone") == "Rocket science for everyone"
    assert "🧮" not in card_svg(CardText("Abacus 🧮", "Site"))


def test_the_svg_is_deterministic_and_escaped():
    card = CardText('Less <than> & "more"', "Site", "1 May 2024", ("a", "b"))
    svg = card_svg(card)
    assert svg == card_svg(card)
    assert "&lt;than&gt; &amp; &quot;more&quot;" in svg
    assert svg != card_svg(card, seed=2)  # another wobble
    assert "<desc>Site \u00b7 1 May 2024 \u00b7 #a #b</desc>" in svg
    assert svg != card_svg(CardText('Less <than> & "more"', "Site", "1 May 2024"))  # the tags are drawn


def zhe_font(path: Path) -> Path:
    """A one-glyph TrueType font that draws "ж" as a square (made here, no download)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 600))
    pen.lineTo((700, 600))
    pen.lineTo((700, 0))
    pen.closePath()
    empty = TTGlyphPen(None).glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "zhe"])
    builder.setupCharacterMap({0x0436: "zhe"})
    builder.setupGlyf({".notdef": empty, "zhe": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "zhe": (800, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Zhe", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


def test_text_is_outlined_in_the_hand_font_and_falls_back_for_other_scripts(tmp_path):
    font = hand_font()
    assert font_for((font,), "a") == font
    assert font_for((font,), "ж") is None
    assert runs((font,), "Hi жук") == [(font, "Hi "), (None, "жук")]
    svg = card_svg(CardText("жж", "Site"))
    assert "<text" in svg and "жж" in svg  # drawn by a system font
    assert "<path transform=" in svg  # the site name, outlined
    extra = zhe_font(tmp_path / "zhe.ttf")
    assert font_for((font, extra), "ж") == extra
    outlined = card_svg(CardText("жж", "Site"), extra_fonts=(extra,))
    assert "жж" not in outlined.split("</title>", 1)[1]  # now outlines from the extra font


def test_render_draws_the_title_and_caches_by_content(tmp_path):
    first = render_card(CardText("Alpha", "Site", "1 May 2024"), 1, tmp_path)
    assert png_size(first) == (1200, 630)
    other = render_card(CardText("Omega", "Site", "1 May 2024"), 1, tmp_path)
    assert other != first  # the text is drawn (same frame, same seed)
    cached = sorted(path.name for path in tmp_path.glob("*.png"))
    assert len(cached) == 2
    again = render_card(CardText("Alpha", "Site", "1 May 2024"), 1, tmp_path)
    assert again == first
    assert sorted(path.name for path in tmp_path.glob("*.png")) == cached


def test_a_title_no_font_can_draw_still_gives_a_card(tmp_path):
    png = render_card(CardText("\U0001d11e\U0001d120", "Site"), 1, tmp_path)  # musical symbols
    assert png_size(png) == (1200, 630)


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_each_post_gets_a_card_and_rebuilds_reuse_it(make_app, tmp_path):
    srcdir = tmp_path / "cards"
    shutil.copytree(ROOTS / "test-share", srcdir)
    app = build(make_app, srcdir, freshenv=True)
    cards = app.outdir / "_social" / "posts"
    assert sorted(path.name for path in cards.iterdir()) == ["cover.png", "sums.png", "unicode.png"]
    assert png_size((cards / "sums.png").read_bytes()) == (1200, 630)
    assert not (cards / "draft.png").exists()
    cache = Path(app.doctreedir) / "nb-social-cards"
    drawn = sorted(path.name for path in cache.glob("*.png"))
    assert len(drawn) == 3  # sums, unicode and the site's; cover has its own picture
    assert png_size((app.outdir / "_social" / "_site.png").read_bytes()) == (1200, 630)
    stamp = (cards / "sums.png").stat().st_mtime_ns
    post = srcdir / "posts" / "sums.md"
    post.write_text(post.read_text().replace("Second paragraph.", "Second paragraph, edited."))
    build(make_app, srcdir)  # the card does not depend on the body: nothing redrawn or rewritten
    assert sorted(path.name for path in cache.glob("*.png")) == drawn
    assert (cards / "sums.png").stat().st_mtime_ns == stamp
    post.write_text(post.read_text().replace("# Sums of squares", "# Sums of two squares"))
    build(make_app, srcdir)
    assert len(list(cache.glob("*.png"))) == 3  # a new title is a new card; the old one is dropped
    assert sorted(path.name for path in cache.glob("*.png")) != drawn


def test_cards_can_be_turned_off(make_app, tmp_path):
    srcdir = tmp_path / "nocards"
    shutil.copytree(ROOTS / "test-share", srcdir)
    app = build(make_app, srcdir, freshenv=True, confoverrides={"notebook_social_cards": False})
    html = (app.outdir / "posts" / "sums.html").read_text(encoding="utf-8")
    assert "og:image" not in html
    assert 'name="twitter:card" content="summary"' in html
    assert not (app.outdir / "_social" / "posts" / "sums.png").exists()
    assert (app.outdir / "_social" / "posts" / "cover.png").exists()  # the author's own picture stays


def test_card_fonts_setting_draws_other_scripts(make_app, tmp_path):
    srcdir = tmp_path / "fonts"
    shutil.copytree(ROOTS / "test-share", srcdir)
    zhe_font(srcdir / "zhe.ttf")
    post = srcdir / "posts" / "sums.md"
    post.write_text(post.read_text().replace("# Sums of squares", "# Sums жж"))
    plain = build(make_app, srcdir, freshenv=True)
    before = (plain.outdir / "_social" / "posts" / "sums.png").read_bytes()
    overrides = {"notebook_social_card_fonts": ["zhe.ttf"]}
    with_font = build(make_app, srcdir, freshenv=True, confoverrides=overrides)
    assert "notebook_social_card_fonts" not in with_font.warning.getvalue()
    assert (with_font.outdir / "_social" / "posts" / "sums.png").read_bytes() != before


def test_missing_card_font_warns(make_app, tmp_path):
    srcdir = tmp_path / "badfont"
    shutil.copytree(ROOTS / "test-share", srcdir)
    app = build(make_app, srcdir, freshenv=True, confoverrides={"notebook_social_card_fonts": ["nope.ttf"]})
    assert "notebook_social_card_fonts: no font file 'nope.ttf'" in app.warning.getvalue()
    assert (app.outdir / "_social" / "posts" / "sums.png").is_file()


@pytest.mark.slow
def test_parallel_build_draws_the_same_cards(make_app, tmp_path):
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-share", serial_src)
    shutil.copytree(ROOTS / "test-share", parallel_src)
    serial = build(make_app, serial_src, freshenv=True)
    parallel = build(make_app, parallel_src, freshenv=True, parallel=2)
    for name in ("sums.png", "unicode.png"):
        assert (serial.outdir / "_social" / "posts" / name).read_bytes() == (
            parallel.outdir / "_social" / "posts" / name
        ).read_bytes()


def test_cards_are_drawn_by_the_helper_with_the_bytes_drawn_in_process(make_app, tmp_path):
    from sphinx_notebook.blog import card_drawing

    srcdir = tmp_path / "helper"
    shutil.copytree(ROOTS / "test-share", srcdir)
    drawn_here: list[Path] = []
    listed: list = []
    real_draw, real_jobs = card_drawing.draw, card_drawing.card_jobs

    def counting_draw(job):
        drawn_here.append(job.target)
        real_draw(job)

    def recorded_jobs(app):
        listed.extend(real_jobs(app))
        return listed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_drawing, "draw", counting_draw)
        patch.setattr(card_drawing, "card_jobs", recorded_jobs)
        app = build(make_app, srcdir, freshenv=True)
    assert drawn_here == []  # all three cards came from the helper process
    assert "could not be drawn" not in app.warning.getvalue()
    html = (app.outdir / "posts" / "sums.html").read_text(encoding="utf-8")
    assert "_social/posts/sums.png" in html
    assert len(listed) == 3  # sums, unicode and the site's
    for _, job in listed:  # drawn again in this process, from no cache: the same bytes
        fresh = render_card(job.card, job.seed, tmp_path / "fresh-cache", job.fonts)
        assert fresh == job.target.read_bytes()


def test_cards_the_helper_leaves_are_drawn_by_the_build(make_app, tmp_path):
    from sphinx_notebook.blog import card_drawing

    srcdir = tmp_path / "nohelper"
    shutil.copytree(ROOTS / "test-share", srcdir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_drawing, "HELPER_MODULE", "sphinx_notebook.no_such_helper")
        app = build(make_app, srcdir, freshenv=True)
    assert "could not be drawn" not in app.warning.getvalue()
    cards = app.outdir / "_social" / "posts"
    assert sorted(path.name for path in cards.iterdir()) == ["cover.png", "sums.png", "unicode.png"]
    assert png_size((app.outdir / "_social" / "_site.png").read_bytes()) == (1200, 630)


def test_a_card_that_cannot_be_drawn_warns_at_its_post(make_app, tmp_path):
    from sphinx_notebook.blog import card_drawing

    srcdir = tmp_path / "broken"
    shutil.copytree(ROOTS / "test-share", srcdir)

    def failing_draw(job):
        raise OSError("no libvips here")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_drawing, "HELPER_MODULE", "sphinx_notebook.no_such_helper")
        patch.setattr(card_drawing, "draw", failing_draw)
        app = build(make_app, srcdir, freshenv=True)
    warnings = app.warning.getvalue()
    assert (
        "posts/sums.md: WARNING: the social card of 'posts/sums' could not be drawn: no libvips here"
        in warnings
    )
    assert "the site's social card could not be drawn" in warnings
    assert "[notebook.blog]" in warnings
    assert (app.outdir / "posts" / "sums.html").is_file()  # the build went on


@pytest.mark.parametrize("parallel", [0, 2])
def test_serial_builds_send_cards_while_reading(make_app, tmp_path, parallel):
    """A serial reader sends each post's card as soon as it is read; -j N readers are forks, so all wait."""
    from sphinx_notebook.blog import card_drawing
    from sphinx_notebook.helper_processes import spare_core

    if not spare_core():
        pytest.skip("one usable core: cards are drawn in the build process")
    srcdir = tmp_path / f"stream-{parallel}"
    shutil.copytree(ROOTS / "test-share", srcdir)
    sends: list[tuple[bool, int]] = []
    read_done: list[bool] = []
    real_send = card_drawing.CardHelper.send

    def recording_send(self, jobs):
        sends.append((bool(read_done), len(jobs)))
        return real_send(self, jobs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card_drawing.CardHelper, "send", recording_send)
        app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
        app.connect("env-updated", lambda app, env: read_done.append(True), priority=100)
        app.build()
    assert "could not be drawn" not in app.warning.getvalue()
    while_reading = sum(count for after, count in sends if not after)
    after_reading = sum(count for after, count in sends if after)
    if parallel:
        assert (while_reading, after_reading) == (0, 3)
    else:
        assert (while_reading, after_reading) == (2, 1)  # sums and unicode, then the site's card
    assert len(list((Path(app.doctreedir) / "nb-social-cards").glob("*.png"))) == 3


def test_the_helper_draws_each_job_into_cache_and_place_and_counts_failures(tmp_path):
    import io
    import json

    from sphinx_notebook.blog.card_helper import job_from_json, job_to_json, serve
    from sphinx_notebook.blog.social_cards import CardJob

    cache, out = tmp_path / "cache", tmp_path / "out"
    jobs = [
        CardJob(CardText(title, "Site", "1 May 2024", ("a",)), out / f"{n}.png", 1, cache)
        for n, title in enumerate(["Alpha", "Omega"])
    ]
    assert [job_from_json(job_to_json(job)) for job in jobs] == jobs
    lines = [json.dumps(job_to_json(job)) for job in jobs]
    assert serve(io.StringIO("\n".join([lines[0], "not json", lines[1]]) + "\n")) == 1
    for job in jobs:
        assert job.target.read_bytes() == job.cached.read_bytes()
        assert png_size(job.target.read_bytes()) == (1200, 630)


def test_a_damaged_or_missing_card_is_put_back_from_the_cache(make_app, tmp_path):
    srcdir = tmp_path / "damaged"
    shutil.copytree(ROOTS / "test-share", srcdir)
    app = build(make_app, srcdir, freshenv=True)
    card = app.outdir / "_social" / "posts" / "sums.png"
    good = card.read_bytes()
    card.write_bytes(b"not a png")
    (app.outdir / "_social" / "posts" / "unicode.png").unlink()
    again = build(make_app, srcdir)
    assert card.read_bytes() == good
    assert png_size((again.outdir / "_social" / "posts" / "unicode.png").read_bytes()) == (1200, 630)
