"""Sites in other languages: our words translated, local dates, right-to-left pages.

German, Japanese and Arabic sites (tests/roots/test-i18n-*) are built once
each, with warnings as errors; the checks read their pages and feeds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_notebook.blog.localdates import local_date, local_year
from sphinx_notebook.textdirection import html_tag, is_rtl

ROOTS = Path(__file__).parent / "roots"


def build(tmp_path_factory: pytest.TempPathFactory, name: str, **overrides: str) -> Path:
    """Build a root with -W semantics and return its output folder.

    The app is cleaned up at once, so Sphinx's process-wide translators never hold two languages.
    """
    srcdir = tmp_path_factory.mktemp(name) / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, warningiserror=True, confoverrides=overrides)
    try:
        app.build()
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert warnings == "", warnings
    return Path(app.outdir)


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build(tmp_path_factory, "i18n-de")


@pytest.fixture(scope="module")
def japanese(tmp_path_factory):
    return build(tmp_path_factory, "i18n-ja")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    return build(tmp_path_factory, "i18n-ar")


def read(outdir: Path, name: str) -> str:
    return (outdir / name).read_text(encoding="utf-8")


def html_start(page: str) -> str:
    found = re.search(r"<html[^>]*>", page)
    assert found
    return found.group(0)


def test_german_theme_and_blog_words(german):
    home = read(german, "index.html")
    for words in ("Zum Inhalt springen", ">Beiträge</a>", ">Schlagwörter</a>", ">Archiv</a>",
                  ">Abonnieren</a>", 'aria-label="Dunkler Modus"', 'aria-label="Hauptnavigation"',
                  ">Atom-Feed</a>", "Erstellt mit <a", "1 Min. Lesezeit"):
        assert words in home, words
    for english in ("Subscribe", "min read", "Skip to content", "Dark mode", "Written with"):
        assert english not in home, english
    assert html_start(home) == '<html lang="de" data-content_root="./">'


def test_german_dates_are_local(german):
    home = read(german, "index.html")
    assert '<time class="nb-post-date" datetime="2024-03-05">' not in home  # listings are cards
    assert ">5. März 2024<" in home
    assert ">20. November 2024<" in home
    assert "(geplant für 15. Januar 2999)" in home
    post = read(german, "posts/gradient.html")
    assert '<time class="nb-post-date" datetime="2024-03-05">5. März 2024</time>' in post


def test_german_theorems_error_box_and_archive_titles(german):
    post = read(german, "posts/gradient.html")
    assert '<span class="nb-theorem-kind">Satz 1</span>' in post
    assert '<span class="nb-theorem-kind">Beweis</span>' in post
    assert 'aria-label="Ende des Beweises"' in post
    assert ">Satz 1<" in re.sub(r"<span[^>]*>|</span>", "", post.split("Siehe", 1)[1])  # {numref}
    broken = read(german, "posts/stapel.html")
    assert '<p class="nb-diagram-error-title">Dieses Diagramm konnte nicht gezeichnet werden</p>' in broken
    tag_page = read(german, "blog/tag/mathematik.html")
    assert "<h1>Beiträge mit dem Schlagwort mathematik</h1>" in tag_page
    assert "<title>Beiträge mit dem Schlagwort mathematik" in tag_page
    assert "Diese Beiträge abonnieren" in tag_page
    assert "<h1>Schlagwörter</h1>" in read(german, "blog/tag.html")
    assert "<h1>Entwürfe</h1>" in read(german, "blog/drafts.html")


def test_german_feeds_keep_rfc3339_and_get_local_titles(german):
    feed = read(german, "blog/atom.xml")
    assert "<updated>2024-11-20T00:00:00+01:00</updated>" in feed
    assert "März" not in feed.split("<entry>", 1)[0]
    tag_feed = read(german, "blog/tag/mathematik/atom.xml")
    assert "<title>Mein Notizbuch - Beiträge mit dem Schlagwort mathematik</title>" in tag_feed
    head = read(german, "index.html").split("</head>", 1)[0]
    assert 'title="Mein Notizbuch (Atom-Feed)"' in head


def test_japanese_words_dates_and_years(japanese):
    home = read(japanese, "index.html")
    planned = "（2999年4月1日 公開予定）"  # noqa: RUF001 (Japanese writes full-width parentheses)
    for words in ("本文へスキップ", ">記事</a>", ">タグ</a>", ">アーカイブ</a>", ">購読</a>",
                  "1 分で読めます", ">2024年3月5日<", ">2025年1月8日<", planned):
        assert words in home, words
    post = read(japanese, "posts/gradient.html")
    assert '<span class="nb-theorem-kind">定義 1</span>' in post
    assert '<span class="nb-theorem-kind">定理 1</span>' in post
    archive = read(japanese, "blog/archive.html")
    assert "<h1>アーカイブ</h1>" in archive
    assert re.search(r"<h2><a [^>]*>2024年</a>", archive)
    assert "<h1>タグ「数学」の記事</h1>" in read(japanese, "blog/tag/数学.html")
    assert html_start(home) == '<html lang="ja" data-content_root="./">'


def test_arabic_pages_are_right_to_left(arabic):
    for name in ("index.html", "posts/gradient.html", "blog/archive.html", "search.html"):
        assert html_start(read(arabic, name)).startswith('<html lang="ar" dir="rtl"'), name
    home = read(arabic, "index.html")
    for words in ("انتقل إلى المحتوى", ">التدوينات</a>", ">اشترك</a>", "قراءة في 1 دقيقة", ">5 مارس 2024<",
                  "(موعد نشرها 1 يونيو 2999)"):
        assert words in home, words
    post = read(arabic, "posts/gradient.html")
    assert '<span class="nb-theorem-kind">مبرهنة 1</span>' in post


def test_a_language_without_our_catalog_falls_back_to_english_quietly(tmp_path_factory):
    """Swedish: Sphinx's words and the dates are Swedish, ours English, and -W still passes."""
    outdir = build(tmp_path_factory, "i18n-de", language="sv")
    home = read(outdir, "index.html")
    assert ">Subscribe</a>" in home and "1 min read" in home
    assert ">5 mars 2024<" in home
    assert html_start(home) == '<html lang="sv" data-content_root="./">'


def test_plural_forms_and_fallback():
    """The catalogs carry each language's plural rules; an unknown language is English, silently."""
    from babel.messages.mofile import read_mo

    locale_dir = ROOTS.parent.parent / "sphinx_notebook" / "locale"
    with (locale_dir / "ar" / "LC_MESSAGES" / "sphinx_notebook.mo").open("rb") as handle:
        arabic = read_mo(handle)
    forms = arabic["%d min read"].string
    assert len(forms) == 6 and forms[2] == "قراءة في %d دقيقتين" and forms[3] == "قراءة في %d دقائق"
    assert local_date(__import__("datetime").date(2024, 3, 5), "%d %B %Y", "xx") == "05 March 2024"
    assert local_date(__import__("datetime").date(2024, 3, 5), "%d %B %Y", None) == "05 March 2024"
    assert local_date(__import__("datetime").date(2024, 3, 5), "%B %Y", "fr") == "mars 2024"
    assert local_year(2024, "ko") == "2024년"


def test_text_direction():
    assert is_rtl("ar") and is_rtl("he") and is_rtl("fa") and is_rtl("ur") and is_rtl("ar_EG")
    assert not is_rtl("de") and not is_rtl(None) and not is_rtl("ja")
    assert html_tag("he", "../", None) == '<html lang="he" dir="rtl" data-content_root="../">'
    other = '<html lang="he" prefix="og: https://ogp.me/ns#">'
    assert html_tag("he", "", other) == '<html dir="rtl" lang="he" prefix="og: https://ogp.me/ns#">'


def test_languages_known_to_be_left_to_right_are_so_for_babel():
    from babel import Locale

    from sphinx_notebook.textdirection import LTR_LANGUAGES

    assert all(Locale.parse(code).character_order == "left-to-right" for code in LTR_LANGUAGES)
    assert not is_rtl("en") and not is_rtl("pt_BR") and not is_rtl("zh-CN")
