project = "Figures in HTML"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notebook.example.org/"
exclude_patterns = ["_build"]
