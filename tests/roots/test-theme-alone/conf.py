# The theme named without the extension, as a user trying it first might.
project = "Theme only"
html_theme = "sphinx_notebook"
exclude_patterns = ["_build"]
