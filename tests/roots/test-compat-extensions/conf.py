# A blog that already uses the extensions people combine with ablog, in the
# style of real sites; the tests move "sphinx_notebook" around in the list.
project = "Field notes"
author = "A. Writer"
copyright = "2026, A. Writer"
extensions = [
    "sphinx_notebook",
    "sphinx_design",
    "sphinx_proof",
    "sphinx_examples",
    "sphinx_togglebutton",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "sphinxext.rediraffe",
]
html_theme = "sphinx_notebook"
html_baseurl = "https://notes.example.org/"
blog_baseurl = "https://notes.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_path = "blog"
blog_feed_fulltext = True
ogp_site_url = "https://notes.example.org/"
sitemap_url_scheme = "{link}"
rediraffe_redirects = {"old-about.md": "about.md", "posts/old-name.md": "posts/proofs.md"}
exclude_patterns = ["_build"]
