project = "MathJax test"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
notebook_math_renderer = "mathjax"
notebook_math_macros = {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}
