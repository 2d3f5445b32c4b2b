# A site that renders its notebooks with nbsphinx (stored outputs, never
# executed) under the sphinx_notebook theme.
project = "Notebook gallery"
author = "Ravi Menon"
copyright = "2026, Ravi Menon"
extensions = ["sphinx_notebook", "nbsphinx"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://gallery.example.org/"
nbsphinx_execute = "never"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
# nbsphinx loads require.js from a CDN by default (for widgets); this site has none.
nbsphinx_requirejs_path = ""
