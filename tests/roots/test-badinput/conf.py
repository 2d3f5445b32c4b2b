# One mistake of each kind; the build must reach the end with one warning each.
project = "Bad input"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://bad.example.org/"
exclude_patterns = ["_build"]
