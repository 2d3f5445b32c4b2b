# A small blog that keeps its own theme (alabaster) and adds sphinx_notebook.
project = "Plain proofs"
author = "Tomas Ruiz"
copyright = "2026, Tomas Ruiz"
extensions = ["sphinx_notebook"]
html_theme = "alabaster"
blog_baseurl = "https://plain-proofs.example.org/"
blog_path = "blog"
blog_title = project
blog_post_pattern = ["posts/*.md"]
blog_authors = {"tr": ("Tomas Ruiz", None)}
blog_default_author = "tr"
exclude_patterns = ["_build"]
