# One part of sphinx_notebook under Sphinx's default theme; the tests pick the part.
project = "One part"
extensions = ["sphinx_notebook.diagram"]
blog_post_pattern = ["posts/*.rst"]
numfig = True
exclude_patterns = ["_build"]
