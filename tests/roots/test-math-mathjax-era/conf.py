project = "MathJax-era posts"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
notebook_math_macros = {"R": r"\mathbb{R}"}
blog_feed_fulltext = True  # whole posts in the feed, so every formula is checked there
