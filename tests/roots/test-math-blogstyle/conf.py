project = "A notebook of math and ML posts"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
notebook_math_macros = {
    "R": r"\mathbb{R}",
    "E": r"\mathbb{E}",
    "vx": r"\boldsymbol{x}",
    "inner": [r"\left\langle #1, #2 \right\rangle", 2],
}
blog_feed_fulltext = True  # whole posts in the feed, so every formula is checked there
