# A small blog that keeps its own theme (sphinx_book_theme) and adds sphinx_notebook.
project = "Course notebook"
author = "Lena Park"
copyright = "2026, Lena Park"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_book_theme"
blog_baseurl = "https://course-notebook.example.org/"
blog_path = "blog"
blog_title = project
blog_post_pattern = ["posts/*.md"]
blog_authors = {"lp": ("Lena Park", None)}
blog_default_author = "lp"
exclude_patterns = ["_build"]
