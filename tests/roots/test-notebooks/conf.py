# A notebook blog in the style of real ones: myst-nb reads .ipynb posts and MyST
# text notebooks; the tests rewrite the extension order.
project = "Notebook posts"
extensions = ["myst_nb", "sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://nb.example.org/"
blog_post_pattern = ["posts/*.ipynb", "posts/*.md"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
nb_execution_mode = "off"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
