project = "Field notes"
author = "A. Writer"
copyright = "2026, A. Writer"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
blog_authors = {"aw": ("A. Writer", None)}
blog_default_author = "aw"
html_theme_options = {
    "footer_text": "Notes kept in public.",
    "social_links": [("Source", "https://example.org/source")],
}
exclude_patterns = ["_build"]
# What `sphinx-notebook new` writes for a new site (ablog keeps its own defaults otherwise).
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
