project = "Figures in feeds"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_path = "blog"
blog_feed_fulltext = True
exclude_patterns = ["_build"]
