# Three posts with charts, math and a diagram, one page without: the speed tests build it.
project = "Speed notebook"
author = "Speed"
copyright = "2026, Speed"
version = release = "1.0"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://speed.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_path = "blog"
blog_feed_fulltext = True
notebook_math_macros = {"R": r"\mathbb{R}"}
exclude_patterns = ["_build"]
