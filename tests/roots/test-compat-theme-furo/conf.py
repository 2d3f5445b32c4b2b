# A small blog that keeps its own theme (furo) and adds sphinx_notebook.
project = "Gradient notes"
author = "Mira Okafor"
copyright = "2026, Mira Okafor"
extensions = ["sphinx_notebook"]
html_theme = "furo"
blog_baseurl = "https://gradient-notes.example.org/"
blog_path = "blog"
blog_title = project
blog_post_pattern = ["posts/*.md"]
blog_authors = {"mo": ("Mira Okafor", None)}
blog_default_author = "mo"
exclude_patterns = ["_build"]
