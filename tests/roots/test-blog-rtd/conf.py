project = "Read the Docs test"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
