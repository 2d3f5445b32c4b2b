# Every feature in one small site: the builder-matrix and reproducibility tests build it.
project = "Quality notebook"
author = "Quality"
copyright = "2026, Quality"
version = release = "1.0"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://quality.example.org/"
blog_authors = {"q": ("Q. Uality", None)}
blog_default_author = "q"
blog_feed_archives = True
notebook_math_macros = {"R": r"\mathbb{R}"}
exclude_patterns = ["_build"]
man_pages = [("index", "quality", "Quality notebook", ["Q. Uality"], 1)]
# What `sphinx-notebook new` writes for a new site (ablog keeps its own defaults otherwise).
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
