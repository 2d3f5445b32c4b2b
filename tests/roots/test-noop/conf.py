# Three posts, tagged and filed by year: the no-op rebuild tests build it again and again.
project = "Noop notebook"
author = "Noop"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://noop.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_path = "blog"
blog_feed_fulltext = True
blog_feed_archives = True
exclude_patterns = ["_build"]
