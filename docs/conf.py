"""The sphinx_notebook documentation, built with sphinx_notebook itself."""

import sys
from pathlib import Path

from sphinx_notebook import __version__

# docs/_ext holds the directive that renders the configuration reference.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx_notebook"
author = "sphinx_notebook developers"
copyright = "2026, sphinx_notebook developers"
version = release = __version__
extensions = ["sphinx_notebook", "config_reference"]
html_theme = "sphinx_notebook"
html_title = "sphinx_notebook"
blog_baseurl = "https://sphinx-notebook-theme.readthedocs.io/en/latest/"
blog_authors = {"team": ("The sphinx_notebook team", None)}
blog_default_author = "team"
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
exclude_patterns = ["_build"]
# Shared TeX macros (see the Math guide page).
notebook_math_macros = {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}
