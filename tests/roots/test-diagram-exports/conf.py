project = "Editor exports"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
exclude_patterns = ["_build"]
