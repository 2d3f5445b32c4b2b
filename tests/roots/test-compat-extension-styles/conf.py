# A notebook blog under the sphinx_notebook theme with the extensions such
# sites commonly add: myst-nb (notebooks, stored outputs only), sphinx-design,
# sphinx-proof, sphinx-togglebutton and sphinx-tabs.
project = "Lab book"
author = "Ana Lima"
copyright = "2026, Ana Lima"
extensions = [
    "myst_nb",
    "sphinx_notebook",
    "sphinx_design",
    "sphinx_proof",
    "sphinx_togglebutton",
    "sphinx_tabs.tabs",
]
html_theme = "sphinx_notebook"
blog_baseurl = "https://lab-book.example.org/"
blog_path = "blog"
blog_title = project
blog_post_pattern = ["posts/*.md", "posts/*.ipynb"]
blog_authors = {"al": ("Ana Lima", None)}
blog_default_author = "al"
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
