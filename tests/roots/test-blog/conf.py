project = "Blog test"
author = "Test Author"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
blog_authors = {"Ada": ("Ada Lovelace", None), "Alan": ("Alan Turing", "https://example.org/alan")}
blog_feed_archives = True
notebook_timezone = "Europe/Paris"
# What `sphinx-notebook new` writes for a new site (ablog keeps its own defaults otherwise).
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
