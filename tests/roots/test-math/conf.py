project = "Math test"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
notebook_math_macros = {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}
# What `sphinx-notebook new` writes for a new site (ablog keeps its own defaults otherwise).
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
