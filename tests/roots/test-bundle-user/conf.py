project = "User values"
extensions = ["sphinx_notebook"]
myst_enable_extensions = ["colon_fence"]
numfig = False
copybutton_prompt_text = ">>> "
# What `sphinx-notebook new` writes for a new site (ablog keeps its own defaults otherwise).
blog_post_pattern = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
blog_path = "blog"
blog_title = project
blog_feed_fulltext = True
