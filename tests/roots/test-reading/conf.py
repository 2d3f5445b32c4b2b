# Posts whose reading work the reading-cost tests count: valid front matter
# (ISO dates, one with an offset), an update, math with a page definition and
# a reference, a chart; one page of several posts and one plain page.
project = "Reading notebook"
author = "Reading"
copyright = "2026, Reading"
version = release = "1.0"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://reading.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_path = "blog"
blog_feed_fulltext = True
notebook_timezone = "Europe/Paris"
exclude_patterns = ["_build"]
