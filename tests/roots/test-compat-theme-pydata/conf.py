# A small blog that keeps its own theme (pydata_sphinx_theme) and adds sphinx_notebook.
project = "Data at rest"
author = "Jonas Weber"
copyright = "2026, Jonas Weber"
extensions = ["sphinx_notebook"]
html_theme = "pydata_sphinx_theme"
blog_baseurl = "https://data-at-rest.example.org/"
blog_path = "blog"
blog_title = project
blog_post_pattern = ["posts/*.md"]
blog_authors = {"jw": ("Jonas Weber", None)}
blog_default_author = "jw"
exclude_patterns = ["_build"]
